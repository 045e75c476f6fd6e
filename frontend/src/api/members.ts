import { http } from './http';
import type { Page, Schemas } from './types';

export type WorkspaceRole = NonNullable<Schemas['WorkspaceRole']>;
export type Member = Schemas['MemberResponse'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/members`;

export const membersApi = {
  list: (workspaceId: string, cursor?: string | null, limit = 100) =>
    http.get<Page<Member>>(base(workspaceId), { params: { limit, cursor: cursor ?? undefined } }).then((r) => r.data),
  /** Only the owner grants or takes admin; the API answers 403 otherwise. */
  changeRole: (workspaceId: string, userId: string, role: WorkspaceRole) =>
    http.patch<Member>(`${base(workspaceId)}/${encodeURIComponent(userId)}`, { role }).then((r) => r.data),
  remove: (workspaceId: string, userId: string) =>
    http.delete(`${base(workspaceId)}/${encodeURIComponent(userId)}`).then(() => undefined),
};
