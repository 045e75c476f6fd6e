import { afterEach, describe, expect, it } from 'vitest';
import { accountApi } from './auth';

const provider = { name: 'google', displayName: 'Google', startUrl: '/api/v1/auth/oidc/google/start' };

afterEach(() => {
  window.__CHATSPHERE_CONFIG__ = undefined;
});

describe('accountApi.providerStartUrl', () => {
  it('asks for the dashboard\'s cookie sign-in and a return path on this site', () => {
    const url = accountApi.providerStartUrl(provider, '/auth/callback?next=%2Fchatbots');
    expect(url).toBe('/api/v1/auth/oidc/google/start?client=dashboard&returnUrl=%2Fauth%2Fcallback%3Fnext%3D%252Fchatbots');
  });
});
