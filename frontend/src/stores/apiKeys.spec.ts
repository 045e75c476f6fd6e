import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { apiKeysApi } from '@/api/apiKeys';
import type { ApiKey } from '@/api/apiKeys';
import { useSessionStore } from './session';
import { useApiKeysStore } from './apiKeys';

vi.mock('@/api/apiKeys', () => ({ apiKeysApi: { list: vi.fn(), create: vi.fn(), rotate: vi.fn(), revoke: vi.fn() } }));

const key = (id: string) => ({ id, name: id, prefix: 'cs_', scopes: ['read'], createdAt: '' }) as unknown as ApiKey;

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
  const session = useSessionStore();
  session.workspaces = [{ id: 'w1', name: 'W', ownerId: 'u', role: 'admin', memberCount: 1, createdAt: '', conversationRetentionDays: null }] as never;
  session.select('w1');
});

describe('API keys store', () => {
  it('holds a new secret until the dialog forgets it, and never in the list', async () => {
    const store = useApiKeysStore();
    vi.mocked(apiKeysApi.create).mockResolvedValue({ key: key('k1'), secret: 'cs_secret' });
    await store.create({ name: 'k1', scopes: ['read'], botId: null, expiresAt: null });
    expect(apiKeysApi.create).toHaveBeenCalledWith('w1', { name: 'k1', scopes: ['read'], botId: null, expiresAt: null });
    expect(store.revealed?.secret).toBe('cs_secret');
    expect(JSON.stringify(store.records)).not.toContain('cs_secret');
    store.forgetSecret();
    expect(store.revealed).toBeNull();
  });

  it('rotates with the chosen overlap and revokes', async () => {
    const store = useApiKeysStore();
    vi.mocked(apiKeysApi.list).mockResolvedValue({ items: [key('k1'), key('k2')], nextCursor: null });
    await store.fetch();
    vi.mocked(apiKeysApi.rotate).mockResolvedValue({ key: { ...key('k1'), rotatedAt: 'now' } as ApiKey, secret: 'cs_new' });
    await store.rotate('k1', 0);
    expect(apiKeysApi.rotate).toHaveBeenCalledWith('w1', 'k1', 0);
    expect(store.revealed?.secret).toBe('cs_new');
    await store.revoke('k2');
    expect(store.records.map((k) => k.id)).toEqual(['k1']);
  });
});
