import { http } from './http';
import type { AuthSession, Me } from './types';

export const meApi = {
  get: () => http.get<Me>('/api/v1/me').then((r) => r.data),
  /** Changes the profile (name). */
  update: (name: string) => http.patch<Me>('/api/v1/me', { name }).then((r) => r.data),
  /** Changes the password; every other session ends and this one gets a new token. */
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<AuthSession>('/api/v1/me/password', { currentPassword, newPassword }).then((r) => r.data),
  /** Deletes the account (409 names the workspaces to transfer or delete first). */
  remove: () => http.delete('/api/v1/me').then(() => undefined),
};

export const emailVerificationApi = {
  /** Sends the verification email again. */
  resend: () => http.post('/api/v1/me/email-verification', {}).then(() => undefined),
};
