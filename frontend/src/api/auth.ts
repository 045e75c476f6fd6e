import { runtimeConfig } from '@/config';
import { apiUrl, http } from './http';
import type { AuthSession, SignInProvider } from './types';

/** /api/v1/auth: the dashboard's requests carry X-ChatSphere-Client, so the refresh token comes back as an httpOnly
 * cookie (never in the body) and refresh/logout read it from there. */
export const authApi = {
  register: (body: { email: string; password: string; name: string }) => http.post<AuthSession>('/api/v1/auth/register', body).then((r) => r.data),
  login: (body: { email: string; password: string }) => http.post<AuthSession>('/api/v1/auth/login', body).then((r) => r.data),
  refresh: () => http.post<AuthSession>('/api/v1/auth/refresh', {}).then((r) => r.data),
  logout: () => http.post('/api/v1/auth/logout', {}).then(() => undefined),
};

/** Password reset, email verification and the OpenID Connect providers. */
export const accountApi = {
  requestPasswordReset: (email: string) => http.post('/api/v1/auth/password-reset', { email }).then(() => undefined),
  resetPassword: (token: string, newPassword: string) => http.post('/api/v1/auth/password-reset/confirm', { token, newPassword }).then(() => undefined),
  verifyEmail: (token: string) => http.post('/api/v1/auth/verify-email', { token }).then(() => undefined),
  providers: () => http.get<SignInProvider[]>('/api/v1/auth/oidc/providers').then((r) => r.data),
  /** Where the browser goes to sign in with a provider: it comes back to `returnPath` signed in (the refresh cookie
   * set; no token in the URL). With the API on another origin (a CDN deployment) the return address is absolute: the
   * dashboard's origin must then be in the API's ChatSphere:Auth:Oidc:AllowedReturnUrls. */
  providerStartUrl: (provider: SignInProvider, returnPath: string) => {
    const back = runtimeConfig().apiBaseUrl ? `${window.location.origin}${returnPath}` : returnPath;
    return apiUrl(`${provider.startUrl}?client=dashboard&returnUrl=${encodeURIComponent(back)}`);
  },
};
