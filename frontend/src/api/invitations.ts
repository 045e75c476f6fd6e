import { http } from './http';
import type { Page, Workspace, Schemas } from './types';
import type { WorkspaceRole } from './members';

export type Invitation = Schemas['Invitation'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/invitations`;

export const invitationsApi = {
  /** Joins the invitation's workspace as the signed-in person (their email must be the invited one). */
  accept: (token: string) => http.post<Workspace>('/api/v1/invitations/accept', { token }).then((r) => r.data),
  /** Pending invitations of a workspace. */
  list: (workspaceId: string) => http.get<Page<Invitation>>(base(workspaceId)).then((r) => r.data),
  /** Emails an invitation link; inviting the same address again sends a fresh link (the resend). */
  invite: (workspaceId: string, email: string, role: WorkspaceRole) =>
    http.post<Invitation>(base(workspaceId), { email, role }).then((r) => r.data),
  revoke: (workspaceId: string, invitationId: string) =>
    http.delete(`${base(workspaceId)}/${encodeURIComponent(invitationId)}`).then(() => undefined),
};
