import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { authApi } from '@/api/auth';
import { meApi } from '@/api/me';
import { tokens } from '@/api/tokens';
import { ApiError } from '@/api/errors';
import type { AuthSession, Me } from '@/api/types';
import { useSessionStore, WORKSPACE_KEY } from './session';

vi.mock('@/api/auth', () => ({ authApi: { login: vi.fn(), register: vi.fn(), refresh: vi.fn(), logout: vi.fn() } }));
vi.mock('@/api/me', () => ({ meApi: { get: vi.fn() } }));

const workspace = (id: string, role = 'owner') => ({ id, name: `W ${id}`, ownerId: 'u1', role, memberCount: 1, createdAt: '' });
const me: Me = { id: 'u1', email: 'ann@example.com', name: 'Ann', emailVerified: false, createdAt: '', workspaces: [workspace('w1'), workspace('w2', 'viewer')] } as Me;
const session = (accessToken: string): AuthSession => ({ accessToken, tokenType: 'Bearer', expiresIn: 900, refreshToken: null, refreshTokenExpiresAt: '', user: me, workspace: workspace('w1') }) as AuthSession;

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  tokens.set(null);
  vi.mocked(meApi.get).mockResolvedValue(me);
});

describe('session store', () => {
  it('restores the session once from the refresh cookie on a reload', async () => {
    vi.mocked(authApi.refresh).mockResolvedValue(session('from-cookie'));
    const store = useSessionStore();
    await Promise.all([store.restore(), store.restore()]);
    expect(authApi.refresh).toHaveBeenCalledTimes(1);
    expect(tokens.get()).toBe('from-cookie');
    expect(store.signedIn).toBe(true);
    expect(store.workspaceId).toBe('w1');
    expect(store.role).toBe('owner');
  });

  it('stays signed out when there is no session to restore', async () => {
    vi.mocked(authApi.refresh).mockRejectedValue(new ApiError(401, { status: 401, title: 'Authentication required.' }, 'x'));
    const store = useSessionStore();
    await store.restore();
    expect(store.signedIn).toBe(false);
    expect(tokens.get()).toBeNull();
  });

  it('signs up, remembers the chosen workspace, and signs out clearing the token', async () => {
    vi.mocked(authApi.register).mockResolvedValue(session('new'));
    const store = useSessionStore();
    await store.signUp('Ann', 'ann@example.com', 'correct horse');
    expect(store.isNewAccount).toBe(true);
    expect(tokens.get()).toBe('new');

    store.select('w2');
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe('w2');
    expect(store.role).toBe('viewer');

    vi.mocked(authApi.logout).mockResolvedValue(undefined);
    await store.signOut();
    expect(authApi.logout).toHaveBeenCalled();
    expect(store.signedIn).toBe(false);
    expect(tokens.get()).toBeNull();
  });

  it('keeps a failed sign-in\'s ApiError for the form and stays signed out', async () => {
    vi.mocked(authApi.login).mockRejectedValue(new ApiError(401, { status: 401, detail: 'Wrong email or password.' }, 'x'));
    const store = useSessionStore();
    await expect(store.signIn('ann@example.com', 'nope')).rejects.toMatchObject({ detail: 'Wrong email or password.' });
    expect(store.signedIn).toBe(false);
    expect(store.uiFlags.isSigningIn).toBe(false);
  });
});
