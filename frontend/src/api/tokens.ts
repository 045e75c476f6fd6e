/**
 * The access token lives here, in memory only: never in storage a page script could read later. A reload gets a new
 * one from the refresh cookie (httpOnly, SameSite=Strict), which no script can read at all.
 */
let accessToken: string | null = null;

export const tokens = {
  get(): string | null {
    return accessToken;
  },
  set(token: string | null): void {
    accessToken = token;
  },
};

/** The header the auth endpoints read to answer with the refresh cookie instead of the token in the body (and that
 * refresh and logout require with the cookie, as a CSRF defence: a cross-site form cannot set it). */
export const CLIENT_HEADER = 'X-ChatSphere-Client';
export const CLIENT_NAME = 'dashboard';
