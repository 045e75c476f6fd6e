import { watch } from 'vue';
import { defineStore } from 'pinia';
import { membersApi } from '@/api/members';
import { invitationsApi } from '@/api/invitations';
import { workspacesApi } from '@/api/workspaces';
import type { Invitation } from '@/api/invitations';
import type { Member, WorkspaceRole } from '@/api/members';
import { allows } from '@/composables/usePermissions';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** A member keyed by their user id (the records helper keys by `id`). */
export type MemberRecord = Member & { id: string };

const record = (member: Member): MemberRecord => ({ ...member, id: member.userId });

/**
 * The current workspace's members and pending invitations: change a role, remove, invite, resend (the API replaces a
 * pending invitation of the same address with a fresh link), revoke, hand ownership over, leave.
 */
export const useTeamStore = defineStore('team', () => {
  const session = useSessionStore();
  const members = useRecords<MemberRecord>();
  const invitations = useRecords<Invitation>();

  watch(() => session.workspaceId, () => {
    members.reset();
    invitations.reset();
  });

  function workspace(): string {
    const id = session.workspaceId;
    if (!id) throw new Error('No workspace is selected.');
    return id;
  }

  /** Members for everyone; invitations only for those who may manage members (the API refuses the others). */
  async function fetch(): Promise<void> {
    const id = workspace();
    await members.track('isFetching', async () => {
      const page = await membersApi.list(id);
      members.replace(page.items.map(record), page.nextCursor);
    });
    if (allows(session.role, 'manageMembers')) {
      await invitations.track('isFetching', async () => invitations.replace((await invitationsApi.list(id)).items));
    } else {
      invitations.reset();
    }
  }

  async function fetchMore(): Promise<void> {
    const cursor = members.state.meta.nextCursor;
    if (!cursor) return;
    const id = workspace();
    await members.track('isFetching', async () => {
      const page = await membersApi.list(id, cursor);
      members.append(page.items.map(record), page.nextCursor);
    });
  }

  async function changeRole(userId: string, role: WorkspaceRole): Promise<MemberRecord> {
    const id = workspace();
    return members.track('isUpdating', async () => {
      const changed = record(await membersApi.changeRole(id, userId, role));
      members.upsert(changed);
      return changed;
    });
  }

  async function removeMember(userId: string): Promise<void> {
    const id = workspace();
    await members.track('isDeleting', async () => {
      await membersApi.remove(id, userId);
      members.remove(userId);
    });
  }

  async function invite(email: string, role: WorkspaceRole): Promise<Invitation> {
    const id = workspace();
    return invitations.track('isCreating', async () => {
      const sent = await invitationsApi.invite(id, email, role);
      const address = sent.email.toLowerCase();
      invitations.replace([sent, ...invitations.state.records.value.filter((i) => i.email.toLowerCase() !== address)]);
      return sent;
    });
  }

  /** Sends a fresh link to the same address with the same role (the old link stops working). */
  const resend = (invitation: Invitation): Promise<Invitation> => invite(invitation.email, invitation.role as WorkspaceRole);

  async function revoke(invitationId: string): Promise<void> {
    const id = workspace();
    await invitations.track('isDeleting', async () => {
      await invitationsApi.revoke(id, invitationId);
      invitations.remove(invitationId);
    });
  }

  /** Hands the workspace to a member; the caller becomes an admin (the session's role follows). */
  async function transfer(userId: string): Promise<void> {
    const id = workspace();
    await members.track('isUpdating', async () => {
      await workspacesApi.transfer(id, userId);
      await session.loadMe();
    });
    await fetch();
  }

  /** Leaves the current workspace; the session moves to another one (or none). */
  async function leave(): Promise<void> {
    const id = workspace();
    await members.track('isDeleting', async () => {
      await workspacesApi.leave(id);
      await session.loadMe();
    });
    const next = session.workspaces.find((w) => w.id !== id);
    if (next) session.select(next.id);
  }

  return {
    members: members.state.records,
    invitations: invitations.state.records,
    meta: members.state.meta,
    uiFlags: members.state.uiFlags,
    invitationFlags: invitations.state.uiFlags,
    error: members.state.error,
    invitationError: invitations.state.error,
    fetch, fetchMore, changeRole, removeMember, invite, resend, revoke, transfer, leave,
  };
});
