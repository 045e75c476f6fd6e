import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';

/** Workspace roles, least to most (the API's WorkspaceRole). */
export const ROLES = ['viewer', 'agent', 'editor', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** What a screen may offer, with the least role each needs: the API's RoleMatrix (api/Auth/RoleMatrix.cs). The API
 * refuses anyway; the dashboard just does not offer what would be refused. */
export const LEAST_ROLE = {
  read: 'viewer',
  chat: 'viewer',
  reply: 'agent',
  editBots: 'editor',
  manageApiKeys: 'admin',
  manageMembers: 'admin',
  manageWorkspace: 'admin',
  viewAuditLog: 'admin',
  erasePersonalData: 'admin',
  transferOwnership: 'owner',
  manageBilling: 'owner',
  deleteWorkspace: 'owner',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof LEAST_ROLE;

export function rank(role: string | null | undefined): number {
  return ROLES.indexOf((role ?? '') as Role);
}

export function allows(role: string | null | undefined, permission: Permission): boolean {
  const have = rank(role);
  return have >= 0 && have >= rank(LEAST_ROLE[permission]);
}

/** `can('editBots')` for the signed-in person's role in the current workspace, reactive. */
export function usePermissions() {
  const session = useSessionStore();
  const role = computed(() => session.role);
  return { role, can: (permission: Permission) => allows(role.value, permission) };
}
