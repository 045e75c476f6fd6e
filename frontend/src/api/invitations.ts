import { http } from './http';
import type { Workspace } from './types';

export const invitationsApi = {
  /** Joins the invitation's workspace as the signed-in person (their email must be the invited one). */
  accept: (token: string) => http.post<Workspace>('/api/v1/invitations/accept', { token }).then((r) => r.data),
};
