import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { inboxApi, type LiveConversation } from '@/api/inbox';
import { useSessionStore } from './session';
import { fitsFilters, useInboxStore } from './inbox';

vi.mock('@/api/inbox', () => ({
  inboxApi: { list: vi.fn(), takeover: vi.fn(), handback: vi.fn(), close: vi.fn(), reopen: vi.fn(), assign: vi.fn(), send: vi.fn() },
}));

const conv = (id: string, over: Partial<LiveConversation> = {}) =>
  ({ id, botId: 'b1', workspaceId: 'w1', visitorId: `vis-${id}`, lastSeq: 1, lastActivityAt: '2026-12-07T10:00:00Z', mode: 'bot', status: 'open', ...over }) as LiveConversation;

function signedIn() {
  const session = useSessionStore();
  session.$patch({ workspaces: [{ id: 'w1', name: 'W', role: 'agent' }] as never });
  return session;
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
});

describe('inbox store', () => {
  it('loads with the server-side filters and search, and pages on with the filters it loaded with', async () => {
    signedIn();
    vi.mocked(inboxApi.list)
      .mockResolvedValueOnce({ items: [conv('c1')], nextCursor: 'n1' })
      .mockResolvedValueOnce({ items: [conv('c2')], nextCursor: null });
    const store = useInboxStore();
    await store.setFilters({ mode: 'waiting', q: 'refund' });
    expect(inboxApi.list).toHaveBeenLastCalledWith('w1', expect.objectContaining({ mode: 'waiting', q: 'refund' }));
    store.filters.q = 'typed but not searched';
    await store.fetchMore();
    expect(inboxApi.list).toHaveBeenLastCalledWith('w1', expect.objectContaining({ mode: 'waiting', q: 'refund' }), 'n1');
    expect(store.records.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('a slower earlier load does not overwrite a newer one', async () => {
    signedIn();
    let first!: (v: unknown) => void;
    vi.mocked(inboxApi.list)
      .mockReturnValueOnce(new Promise((resolve) => { first = resolve; }) as never)
      .mockResolvedValueOnce({ items: [conv('new')], nextCursor: null });
    const store = useInboxStore();
    const older = store.setFilters({ q: 'a' });
    await store.setFilters({ q: 'ab' });
    first({ items: [conv('old')], nextCursor: null });
    await older;
    expect(store.records.map((c) => c.id)).toEqual(['new']);
  });

  it('pushed changes: newest activity first, unread counts for conversations not open, a handoff when one starts waiting', async () => {
    signedIn();
    vi.mocked(inboxApi.list).mockResolvedValue({ items: [conv('c1', { lastSeq: 2 }), conv('c2', { lastActivityAt: '2026-12-07T09:00:00Z' })], nextCursor: null });
    const store = useInboxStore();
    await store.load();
    store.open('c1');

    expect(store.apply(conv('c2', { lastSeq: 3, lastActivityAt: '2026-12-07T11:00:00Z' }))).toBe('updated');
    expect(store.records.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(store.unread).toEqual({ c2: 2 });
    expect(store.apply(conv('c1', { lastSeq: 4, lastActivityAt: '2026-12-07T12:00:00Z' }))).toBe('updated');
    expect(store.unread).toEqual({ c2: 2 });

    expect(store.apply(conv('c3', { lastSeq: 1, lastActivityAt: '2026-12-07T13:00:00Z' }))).toBe('new');
    expect(store.totalUnread).toBe(3);
    expect(store.apply(conv('c3', { lastSeq: 2, mode: 'waiting', lastActivityAt: '2026-12-07T13:00:01Z' }))).toBe('handoff');
    expect(store.apply(conv('c3', { lastSeq: 2, mode: 'waiting', lastActivityAt: '2026-12-07T13:00:01Z' }))).toBe('updated');
    expect(store.waiting).toBe(1);

    store.open('c2');
    expect(store.unread).toEqual({ c3: 2 });
  });

  it('a pushed conversation that no longer fits the filters leaves the list; with a search, unknown ones are not added', async () => {
    signedIn();
    vi.mocked(inboxApi.list).mockResolvedValue({ items: [conv('c1', { mode: 'waiting' })], nextCursor: null });
    const store = useInboxStore();
    await store.setFilters({ mode: 'waiting' });
    expect(store.apply(conv('c1', { mode: 'human', lastSeq: 2 }))).toBe('ignored');
    expect(store.records).toEqual([]);

    await store.setFilters({ mode: null, q: 'refund' });
    expect(store.apply(conv('c5'))).toBe('ignored');
    expect(store.apply(conv('c1', { lastSeq: 3 }))).toBe('updated');
  });

  it('actions put the API\'s answer in the list', async () => {
    signedIn();
    vi.mocked(inboxApi.list).mockResolvedValue({ items: [conv('c1')], nextCursor: null });
    vi.mocked(inboxApi.takeover).mockResolvedValue(conv('c1', { mode: 'human', heldBy: { id: 'u1', name: 'Ada' } }));
    vi.mocked(inboxApi.close).mockResolvedValue(conv('c1', { status: 'closed' }));
    vi.mocked(inboxApi.assign).mockResolvedValue(conv('c1', { assigneeId: 'u2' }));
    const store = useInboxStore();
    await store.load();
    await store.takeover('c1');
    expect(store.byId('c1')?.heldBy?.name).toBe('Ada');
    await store.close('c1');
    expect(store.byId('c1')?.status).toBe('closed');
    await store.assign('c1', 'u2');
    expect(inboxApi.assign).toHaveBeenCalledWith('c1', 'u2');
    expect(store.byId('c1')?.assigneeId).toBe('u2');
  });

  it('a refused action keeps the error and the list', async () => {
    signedIn();
    vi.mocked(inboxApi.list).mockResolvedValue({ items: [conv('c1')], nextCursor: null });
    vi.mocked(inboxApi.takeover).mockRejectedValue({ status: 409, detail: 'Ada holds this conversation.' });
    const store = useInboxStore();
    await store.load();
    await expect(store.takeover('c1')).rejects.toBeTruthy();
    expect(store.error).not.toBeNull();
    expect(store.byId('c1')?.mode).toBe('bot');
  });

  it('checks the filters the browser can check', () => {
    expect(fitsFilters(conv('c'), {})).toBe(true);
    expect(fitsFilters(conv('c', { mode: undefined }), { mode: 'bot' })).toBe(true);
    expect(fitsFilters(conv('c'), { status: 'closed' })).toBe(false);
    expect(fitsFilters(conv('c'), { botId: 'b2' })).toBe(false);
    expect(fitsFilters(conv('c', { assigneeId: 'u1' }), { assigneeId: 'u1' })).toBe(true);
    expect(fitsFilters(conv('c', { assigneeId: null }), { assigneeId: 'none' })).toBe(true);
    expect(fitsFilters(conv('c', { assigneeId: 'u1' }), { assigneeId: 'none' })).toBe(false);
  });
});
