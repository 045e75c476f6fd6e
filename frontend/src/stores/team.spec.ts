import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { membersApi } from '@/api/members';
import { invitationsApi } from '@/api/invitations';
import { workspacesApi } from '@/api/workspaces';
import { meApi } from '@/api/me';
import { ApiError } from '@/api/errors';
import type { Invitation } from '@/api/invitations';
import type { Member } from '@/api/members';
import { useSessionStore } from './session';
import { useTeamStore } from './team';

vi.mock('@/api/members', () => ({ membersApi: { list: vi.fn(), changeRole: vi.fn(), remove: vi.fn() } }));
vi.mock('@/api/invitations', () => ({ invitationsApi: { list: vi.fn(), invite: vi.fn(), revoke: vi.fn(), accept: vi.fn() } }));
vi.mock('@/api/workspaces', () => ({ workspacesApi: { transfer: vi.fn(), leave: vi.fn() } }));
vi.mock('@/api/me', () => ({ meApi: { get: vi.fn() }, emailVerificationApi: { resend: vi.fn() } }));

const member = (userId: string, role: string) => ({ userId, role, email: `${userId}@example.com`, name: userId, joinedAt: '' }) as Member;
const invitation = (id: string, email: string) => ({ id, email, role: 'editor', workspaceId: 'w1', invitedBy: 'u1', createdAt: '', expiresAt: '' }) as Invitation;
const workspace = (id: string, role: string) => ({ id, name: id, ownerId: 'u1', role, memberCount: 2, createdAt: '', conversationRetentionDays: null });

function signedInto(role: string) {
  const session = useSessionStore();
  session.workspaces = [workspace('w1', role), workspace('w2', 'owner')] as never;
  session.select('w1');
  return session;
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
});

describe('team store', () => {
  it('lists members keyed by user id, and invitations only for those who manage members', async () => {
    signedInto('viewer');
    vi.mocked(membersApi.list).mockResolvedValue({ items: [member('u1', 'owner'), member('u2', 'viewer')], nextCursor: null });
    const team = useTeamStore();
    await team.fetch();
    expect(team.members.map((m) => m.id)).toEqual(['u1', 'u2']);
    expect(invitationsApi.list).not.toHaveBeenCalled();

    setActivePinia(createPinia());
    signedInto('admin');
    vi.mocked(invitationsApi.list).mockResolvedValue({ items: [invitation('i1', 'a@example.com')], nextCursor: null });
    const adminTeam = useTeamStore();
    await adminTeam.fetch();
    expect(adminTeam.invitations.map((i) => i.id)).toEqual(['i1']);
  });

  it('changes a role in place and removes a member', async () => {
    signedInto('owner');
    vi.mocked(membersApi.list).mockResolvedValue({ items: [member('u1', 'owner'), member('u2', 'viewer')], nextCursor: null });
    vi.mocked(invitationsApi.list).mockResolvedValue({ items: [], nextCursor: null });
    const team = useTeamStore();
    await team.fetch();
    vi.mocked(membersApi.changeRole).mockResolvedValue(member('u2', 'editor'));
    await team.changeRole('u2', 'editor');
    expect(membersApi.changeRole).toHaveBeenCalledWith('w1', 'u2', 'editor');
    expect(team.members.find((m) => m.id === 'u2')?.role).toBe('editor');
    await team.removeMember('u2');
    expect(team.members.map((m) => m.id)).toEqual(['u1']);
  });

  it('resends by inviting again: the fresh invitation replaces the old one of that address', async () => {
    signedInto('admin');
    vi.mocked(membersApi.list).mockResolvedValue({ items: [], nextCursor: null });
    vi.mocked(invitationsApi.list).mockResolvedValue({ items: [invitation('i1', 'A@example.com'), invitation('i2', 'b@example.com')], nextCursor: null });
    const team = useTeamStore();
    await team.fetch();
    vi.mocked(invitationsApi.invite).mockResolvedValue(invitation('i3', 'a@example.com'));
    await team.resend(team.invitations[0]!);
    expect(invitationsApi.invite).toHaveBeenCalledWith('w1', 'A@example.com', 'editor');
    expect(team.invitations.map((i) => i.id)).toEqual(['i3', 'i2']);
    await team.revoke('i2');
    expect(team.invitations.map((i) => i.id)).toEqual(['i3']);
  });

  it('keeps a refusal for the screen and rethrows it', async () => {
    signedInto('admin');
    vi.mocked(invitationsApi.invite).mockRejectedValue(new ApiError(400, { status: 400, errors: { Email: ['Must be a valid email address.'] } }, 'x'));
    const team = useTeamStore();
    await expect(team.invite('nope', 'viewer')).rejects.toBeInstanceOf(ApiError);
    expect(team.invitationError?.field('email')).toBe('Must be a valid email address.');
    expect(team.invitationFlags.isCreating).toBe(false);
  });

  it('transfers ownership and leaves, following the session', async () => {
    const session = signedInto('owner');
    vi.mocked(membersApi.list).mockResolvedValue({ items: [], nextCursor: null });
    vi.mocked(invitationsApi.list).mockResolvedValue({ items: [], nextCursor: null });
    vi.mocked(meApi.get).mockResolvedValue({ id: 'u1', email: 'u1@example.com', name: 'U', emailVerified: true, createdAt: '', workspaces: [workspace('w1', 'admin'), workspace('w2', 'owner')] } as never);
    const team = useTeamStore();
    await team.transfer('u2');
    expect(workspacesApi.transfer).toHaveBeenCalledWith('w1', 'u2');
    expect(session.role).toBe('admin');

    vi.mocked(meApi.get).mockResolvedValue({ id: 'u1', email: 'u1@example.com', name: 'U', emailVerified: true, createdAt: '', workspaces: [workspace('w2', 'owner')] } as never);
    await team.leave();
    expect(workspacesApi.leave).toHaveBeenCalledWith('w1');
    expect(session.workspaceId).toBe('w2');
  });

  it('forgets the previous workspace\'s people when the workspace changes', async () => {
    const session = signedInto('owner');
    vi.mocked(membersApi.list).mockResolvedValue({ items: [member('u1', 'owner')], nextCursor: null });
    vi.mocked(invitationsApi.list).mockResolvedValue({ items: [], nextCursor: null });
    const team = useTeamStore();
    await team.fetch();
    session.select('w2');
    await nextTick();
    expect(team.members).toEqual([]);
  });
});
