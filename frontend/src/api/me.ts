import { http } from './http';
import type { Me } from './types';

export const meApi = {
  get: () => http.get<Me>('/api/v1/me').then((r) => r.data),
};

export const emailVerificationApi = {
  /** Sends the verification email again. */
  resend: () => http.post('/api/v1/me/email-verification', {}).then(() => undefined),
};
