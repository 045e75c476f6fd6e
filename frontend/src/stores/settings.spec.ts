import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { workspacesApi } from '@/api/workspaces';
import { providerKeysApi } from '@/api/providerKeys';
import { meApi } from '@/api/me';
import { tokens } from '@/api/tokens';
import { useSessionStore } from './session';
import { useSettingsStore } from './settings';
import { useProfileStore } from './profile';

vi.mock('@/api/workspaces', () => ({ workspacesApi: { get: vi.fn(), update: vi.fn(), eraseVisitor: vi.fn(), remove: vi.fn() } }));
vi.mock('@/api/providerKeys', () => ({ providerKeysApi: { list: vi.fn(), set: vi.fn(), remove: vi.fn() } }));
vi.mock('@/api/me', () => ({ meApi: { get: vi.fn(), update: vi.fn(), changePassword: vi.fn(), remove: vi.fn() }, emailVerificationApi: { resend: vi.fn() } }));

const workspace = (id: string, name = id) => ({ id, name, ownerId: 'u1', role: 'owner', memberCount: 1, createdAt: '', conversationRetentionDays: null });

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
  tokens.set(null);
  const session = useSessionStore();
  session.workspaces = [workspace('w1'), workspace('w2')] as never;
  session.select('w1');
});

describe('settings store', () => {
  it('renames (the switcher follows) and sets retention, null keeping conversations', async () => {
    const settings = useSettingsStore();
    vi.mocked(workspacesApi.update).mockResolvedValueOnce(workspace('w1', 'Acme') as never);
    await settings.update({ name: 'Acme' });
    expect(useSessionStore().workspace?.name).toBe('Acme');
    vi.mocked(workspacesApi.update).mockResolvedValueOnce({ ...workspace('w1', 'Acme'), conversationRetentionDays: null } as never);
    await settings.update({ conversationRetentionDays: null });
    expect(workspacesApi.update).toHaveBeenLastCalledWith('w1', { conversationRetentionDays: null });
  });

  it('keeps only hints of provider keys', async () => {
    const settings = useSettingsStore();
    vi.mocked(providerKeysApi.set).mockResolvedValue({ provider: 'openai', keyHint: '…abcd', updatedAt: '' });
    await settings.setProviderKey('openai', 'sk-secret-abcd');
    expect(JSON.stringify(settings.providerKeys)).not.toContain('sk-secret');
    await settings.removeProviderKey('openai');
    expect(settings.providerKeys).toEqual([]);
  });

  it('counts erased conversations and moves on after deleting the workspace', async () => {
    const settings = useSettingsStore();
    vi.mocked(workspacesApi.eraseVisitor).mockResolvedValue({ conversations: 2 });
    expect(await settings.eraseVisitor({ email: 'v@example.com' })).toBe(2);
    vi.mocked(meApi.get).mockResolvedValue({ id: 'u1', email: 'u@example.com', name: 'U', emailVerified: true, createdAt: '', workspaces: [workspace('w2')] } as never);
    await settings.remove('w1');
    expect(workspacesApi.remove).toHaveBeenCalledWith('w1', 'w1');
    expect(useSessionStore().workspaceId).toBe('w2');
  });
});

describe('profile store', () => {
  it('keeps the session going with the new token after a password change, and ends it after deleting the account', async () => {
    const profile = useProfileStore();
    vi.mocked(meApi.changePassword).mockResolvedValue({ accessToken: 'new-token' } as never);
    await profile.changePassword('old', 'new password here');
    expect(tokens.get()).toBe('new-token');
    useSessionStore().user = { id: 'u1' } as never;
    await profile.deleteAccount();
    expect(useSessionStore().signedIn).toBe(false);
  });
});
