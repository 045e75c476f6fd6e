import { http } from './http';
import type { AuthSession } from './types';

/** /api/v1/auth: the dashboard's requests carry X-ChatSphere-Client, so the refresh token comes back as an httpOnly
 * cookie (never in the body) and refresh/logout read it from there. */
export const authApi = {
  register: (body: { email: string; password: string; name: string }) => http.post<AuthSession>('/api/v1/auth/register', body).then((r) => r.data),
  login: (body: { email: string; password: string }) => http.post<AuthSession>('/api/v1/auth/login', body).then((r) => r.data),
  refresh: () => http.post<AuthSession>('/api/v1/auth/refresh', {}).then((r) => r.data),
  logout: () => http.post('/api/v1/auth/logout', {}).then(() => undefined),
};
