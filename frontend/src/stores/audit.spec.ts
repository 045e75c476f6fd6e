import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { auditApi } from '@/api/audit';
import type { AuditEntry } from '@/api/audit';
import { useSessionStore } from './session';
import { useAuditStore } from './audit';

vi.mock('@/api/audit', () => ({ auditApi: { list: vi.fn() } }));

const entry = (id: string) => ({ id, action: 'apikey.created', changes: [] }) as unknown as AuditEntry;

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
  const session = useSessionStore();
  session.workspaces = [{ id: 'w1', name: 'W', ownerId: 'u', role: 'admin', memberCount: 1, createdAt: '', conversationRetentionDays: null }] as never;
  session.select('w1');
});

describe('audit store', () => {
  it('pages with the cursor and the filter the first page was loaded with', async () => {
    const audit = useAuditStore();
    audit.setFilter({ action: 'apikey.' });
    vi.mocked(auditApi.list).mockResolvedValueOnce({ items: [entry('e1')], nextCursor: 'c2' }).mockResolvedValueOnce({ items: [entry('e2')], nextCursor: null });
    await audit.fetch();
    audit.setFilter({ action: 'member.' });
    await audit.fetchMore();
    expect(auditApi.list).toHaveBeenNthCalledWith(1, 'w1', { action: 'apikey.' });
    expect(auditApi.list).toHaveBeenNthCalledWith(2, 'w1', { action: 'apikey.' }, 'c2');
    expect(audit.records.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(audit.meta.nextCursor).toBeNull();
    await audit.fetchMore();
    expect(auditApi.list).toHaveBeenCalledTimes(2);
  });
});
