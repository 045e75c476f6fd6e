import type { WorkspaceRole } from '@/api/members';
import { rank } from '@/composables/usePermissions';

/** Roles a person may give in a workspace: the owner gives admin too; admins give editor, agent and viewer (the API's rule). */
export function assignableRoles(myRole: string | null | undefined): WorkspaceRole[] {
  if (myRole === 'owner') return ['admin', 'editor', 'agent', 'viewer'] as WorkspaceRole[];
  if (myRole === 'admin') return ['editor', 'agent', 'viewer'] as WorkspaceRole[];
  return [];
}

/** Whether `myRole` may change or remove a member with `theirRole` (never the owner, never oneself, admins only by the owner). */
export function mayManage(myRole: string | null | undefined, theirRole: string, isSelf: boolean): boolean {
  if (isSelf || theirRole === 'owner') return false;
  if (myRole === 'owner') return true;
  return myRole === 'admin' && rank(theirRole) < rank('admin');
}
