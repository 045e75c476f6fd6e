import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { runtimeConfig } from '@/config';
import { toApiError } from './errors';
import { CLIENT_HEADER, CLIENT_NAME, tokens } from './tokens';

/** What the HTTP layer needs from the session: a refresh (true when a new access token is in `tokens`) and a clean
 * sign-out when the session is gone. The session store installs these at start. */
export interface SessionHandlers {
  refresh(): Promise<boolean>;
  signedOut(): void;
}

interface RetriableConfig extends InternalAxiosRequestConfig {
  _retried?: boolean;
}

/** Auth endpoints answer 401 for wrong credentials or a spent refresh token: never refreshed and retried. */
const NO_REFRESH = /\/api\/v1\/auth\/(login|register|refresh|logout|password-reset|verify-email)/;

/**
 * Makes the shared axios instance: the bearer token from memory on every request; a 401 refreshes the session once
 * (concurrent 401s share that one refresh) and retries the request once, else signs out; every failure rejects with
 * an ApiError (ProblemDetails and its field errors).
 */
export function createHttp(baseURL: string, handlers: () => SessionHandlers | undefined): AxiosInstance {
  const instance = axios.create({ baseURL, withCredentials: true, headers: { [CLIENT_HEADER]: CLIENT_NAME } });
  let refreshing: Promise<boolean> | null = null;

  const refreshOnce = (): Promise<boolean> => {
    const session = handlers();
    if (!session) {
      return Promise.resolve(false);
    }
    refreshing ??= session.refresh().catch(() => false).finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  instance.interceptors.request.use((config) => {
    const token = tokens.get();
    if (token && !config.headers.has('Authorization')) {
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  });

  instance.interceptors.response.use(undefined, async (error: unknown) => {
    const config = (error as { config?: RetriableConfig }).config;
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === 401 && config && !NO_REFRESH.test(config.url ?? '')) {
      if (!config._retried) {
        const sentToken = config.headers.get('Authorization');
        config._retried = true;
        // A refresh that finished while this request was in flight already gave a new token: just retry.
        const current = tokens.get();
        const refreshed = current && sentToken !== `Bearer ${current}` ? true : await refreshOnce();
        if (refreshed) {
          config.headers.set('Authorization', `Bearer ${tokens.get()}`);
          return instance.request(config);
        }
      }
      // No session to refresh, or refused again with a fresh token: the session is over.
      handlers()?.signedOut();
    }
    throw toApiError(error);
  });

  return instance;
}

let sessionHandlers: SessionHandlers | undefined;

/** Installs the session's refresh and sign-out (the session store does this once). */
export function useSessionHandlers(handlers: SessionHandlers): void {
  sessionHandlers = handlers;
}

/** The one axios instance every API client module uses. */
export const http = createHttp(runtimeConfig().apiBaseUrl, () => sessionHandlers);

/** An absolute URL for a path of the API (for links such as the OIDC start, and SignalR hubs). */
export function apiUrl(path: string): string {
  return `${runtimeConfig().apiBaseUrl}${path}`;
}
