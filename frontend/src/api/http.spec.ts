import { afterEach, describe, expect, it, vi } from 'vitest';
import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { createHttp, type SessionHandlers } from './http';
import { ApiError } from './errors';
import { tokens } from './tokens';

const auth = (config: InternalAxiosRequestConfig) => config.headers.get('Authorization');

/** An axios adapter answering from a function, so the interceptors run exactly as with a real server. */
function fakeServer(answer: (config: InternalAxiosRequestConfig) => { status: number; data?: unknown }): { adapter: AxiosAdapter; seen: { url?: string; auth: unknown; client: unknown }[] } {
  const seen: { url?: string; auth: unknown; client: unknown }[] = [];
  const adapter: AxiosAdapter = async (config) => {
    seen.push({ url: config.url, auth: auth(config), client: config.headers.get('X-ChatSphere-Client') });
    const { status, data } = answer(config);
    const response = { status, statusText: String(status), data, headers: new AxiosHeaders(), config };
    if (status >= 400) {
      throw new AxiosError(`HTTP ${status}`, String(status), config, undefined, response);
    }
    return response;
  };
  return { adapter, seen };
}


afterEach(() => tokens.set(null));

describe('http', () => {
  it('sends the access token from memory and the dashboard client header', async () => {
    tokens.set('t1');
    const server = fakeServer(() => ({ status: 200, data: { ok: true } }));
    const http = createHttp('', () => undefined);
    http.defaults.adapter = server.adapter;
    await http.get('/api/v1/me');
    expect(server.seen[0]!.auth).toBe('Bearer t1');
    expect(server.seen[0]!.client).toBe('dashboard');
  });

  it('turns ProblemDetails into an ApiError with camelCased field errors', async () => {
    const server = fakeServer(() => ({
      status: 400,
      data: { title: 'One or more fields are invalid.', status: 400, errors: { Name: ['Is required.'], 'Answer.Temperature': ['Must be 0 to 2.'] } },
    }));
    const http = createHttp('', () => undefined);
    http.defaults.adapter = server.adapter;
    const error = await http.post('/api/v1/chatbots', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(400);
    expect(api.isValidation).toBe(true);
    expect(api.field('name')).toBe('Is required.');
    expect(api.field('answer.temperature')).toBe('Must be 0 to 2.');
  });

  it('gives status 0 when the API cannot be reached', async () => {
    const http = createHttp('', () => undefined);
    http.defaults.adapter = async (config) => {
      throw new AxiosError('Network Error', 'ERR_NETWORK', config);
    };
    const error = (await http.get('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    tokens.set('old');
    const server = fakeServer((config) => (auth(config) === 'Bearer new' ? { status: 200, data: config.url } : { status: 401 }));
    let resolveRefresh!: () => void;
    const handlers: SessionHandlers = {
      refresh: vi.fn(() => new Promise<boolean>((resolve) => {
        resolveRefresh = () => {
          tokens.set('new');
          resolve(true);
        };
      })),
      signedOut: vi.fn(),
    };
    const http = createHttp('', () => handlers);
    http.defaults.adapter = server.adapter;

    const calls = ['/a', '/b', '/c'].map((url) => http.get<string>(url));
    await vi.waitFor(() => expect(handlers.refresh).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    resolveRefresh();
    const answers = await Promise.all(calls);

    expect(answers.map((a) => a.data)).toEqual(['/a', '/b', '/c']);
    expect(handlers.refresh).toHaveBeenCalledTimes(1);
    expect(handlers.signedOut).not.toHaveBeenCalled();
    expect(server.seen.filter((c) => c.auth === 'Bearer new')).toHaveLength(3);
  });

  it('signs out cleanly when the refresh fails, without retrying again', async () => {
    tokens.set('old');
    const server = fakeServer(() => ({ status: 401, data: { title: 'Authentication required.', status: 401 } }));
    const handlers: SessionHandlers = { refresh: vi.fn(async () => false), signedOut: vi.fn() };
    const http = createHttp('', () => handlers);
    http.defaults.adapter = server.adapter;

    const error = (await http.get('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(handlers.refresh).toHaveBeenCalledTimes(1);
    expect(handlers.signedOut).toHaveBeenCalledTimes(1);
    expect(server.seen).toHaveLength(1);
  });

  it('retries at most once: a 401 after a successful refresh signs out', async () => {
    tokens.set('old');
    const server = fakeServer(() => ({ status: 401 }));
    const handlers: SessionHandlers = {
      refresh: vi.fn(async () => {
        tokens.set('new');
        return true;
      }),
      signedOut: vi.fn(),
    };
    const http = createHttp('', () => handlers);
    http.defaults.adapter = server.adapter;
    await expect(http.get('/api/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(server.seen).toHaveLength(2);
    expect(handlers.refresh).toHaveBeenCalledTimes(1);
    expect(handlers.signedOut).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for a failed sign-in', async () => {
    const server = fakeServer(() => ({ status: 401, data: { title: 'Authentication required.', detail: 'Wrong email or password.', status: 401 } }));
    const handlers: SessionHandlers = { refresh: vi.fn(async () => true), signedOut: vi.fn() };
    const http = createHttp('', () => handlers);
    http.defaults.adapter = server.adapter;
    const error = (await http.post('/api/v1/auth/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.detail).toBe('Wrong email or password.');
    expect(handlers.refresh).not.toHaveBeenCalled();
  });
});
