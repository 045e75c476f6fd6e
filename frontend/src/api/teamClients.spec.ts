import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from './http';
import { apiKeysApi } from './apiKeys';
import { auditApi, auditParams } from './audit';
import { billingApi } from './billing';
import { invitationsApi } from './invitations';
import { membersApi } from './members';
import { workspacesApi } from './workspaces';
import { providerKeysApi } from './providerKeys';
import { meApi } from './me';

const ok = (data: unknown, status = 200) => Promise.resolve({ data, status } as never);

afterEach(() => vi.restoreAllMocks());

describe('team and account API clients', () => {
  it('address the workspace\'s members, invitations and keys, escaping ids', async () => {
    const get = vi.spyOn(http, 'get').mockReturnValue(ok({ items: [], nextCursor: null }));
    const patch = vi.spyOn(http, 'patch').mockReturnValue(ok({ userId: 'u/2' }));
    const post = vi.spyOn(http, 'post').mockReturnValue(ok({ key: {}, secret: 's' }));
    const del = vi.spyOn(http, 'delete').mockReturnValue(ok(undefined, 204));

    await membersApi.list('w 1', 'c1');
    expect(get).toHaveBeenLastCalledWith('/api/v1/workspaces/w%201/members', { params: { limit: 100, cursor: 'c1' } });
    await membersApi.changeRole('w1', 'u/2', 'editor');
    expect(patch).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/members/u%2F2', { role: 'editor' });
    await invitationsApi.invite('w1', 'a@example.com', 'viewer');
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/invitations', { email: 'a@example.com', role: 'viewer' });
    await invitationsApi.revoke('w1', 'inv1');
    expect(del).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/invitations/inv1');
    await apiKeysApi.rotate('w1', 'k1', 3600);
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/api-keys/k1/rotate', { overlapSeconds: 3600 });
    await apiKeysApi.rotate('w1', 'k1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/api-keys/k1/rotate', {});
    await workspacesApi.remove('w1', 'My workspace');
    expect(del).toHaveBeenLastCalledWith('/api/v1/workspaces/w1', { params: { confirm: 'My workspace' } });
    await workspacesApi.transfer('w1', 'u2');
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/transfer', { userId: 'u2' });
    await providerKeysApi.remove('w1', 'openai');
    expect(del).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/ai/providers/openai');
    await meApi.remove();
    expect(del).toHaveBeenLastCalledWith('/api/v1/me');
  });

  it('sends only the audit filters that were chosen', async () => {
    expect(auditParams({ action: 'apikey.', actorId: ' ', targetId: '' }, 'next', 20)).toEqual({ limit: 20, action: 'apikey.', cursor: 'next' });
    const get = vi.spyOn(http, 'get').mockReturnValue(ok({ items: [], nextCursor: null }));
    await auditApi.list('w1', { from: '2026-12-01T00:00:00.000Z' });
    expect(get).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/audit-log', { params: { limit: 50, from: '2026-12-01T00:00:00.000Z' } });
  });

  it('tells an applied plan change from one that needs the payment provider', async () => {
    const put = vi.spyOn(http, 'put').mockReturnValueOnce(ok({ plan: 'pro' }, 200)).mockReturnValueOnce(ok({ checkoutUrl: 'https://pay.example/c' }, 202));
    expect(await billingApi.changePlan('w1', 'pro')).toEqual({ applied: true, plan: { plan: 'pro' } });
    expect(await billingApi.changePlan('w1', 'business', 'https://app.example/plan')).toEqual({ applied: false, checkoutUrl: 'https://pay.example/c' });
    expect(put).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/billing/plan', { plan: 'business', returnUrl: 'https://app.example/plan' });
  });
});
