import { http } from './http';
import type { Workspace, Schemas } from './types';

export type UpdateWorkspace = Schemas['UpdateWorkspaceRequest'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`;

export const workspacesApi = {
  get: (workspaceId: string) => http.get<Workspace>(base(workspaceId)).then((r) => r.data),
  /** Each field given changes; `conversationRetentionDays: null` keeps conversations forever. */
  update: (workspaceId: string, patch: UpdateWorkspace) => http.patch<Workspace>(base(workspaceId), patch).then((r) => r.data),
  leave: (workspaceId: string) => http.post(`${base(workspaceId)}/leave`, {}).then(() => undefined),
  /** Makes another member the owner; the caller becomes an admin. */
  transfer: (workspaceId: string, userId: string) => http.post<Workspace>(`${base(workspaceId)}/transfer`, { userId }).then((r) => r.data),
  /** Erases a visitor's conversations (by visitor id, by email, or both); the answer counts them. */
  eraseVisitor: (workspaceId: string, body: { visitorId?: string | null; email?: string | null }) =>
    http.post<{ conversations: number | string }>(`${base(workspaceId)}/visitors/erase`, body).then((r) => r.data),
  /** Deletes the workspace and everything in it; `confirm` must be its exact name. */
  remove: (workspaceId: string, confirm: string) => http.delete(base(workspaceId), { params: { confirm } }).then(() => undefined),
};
