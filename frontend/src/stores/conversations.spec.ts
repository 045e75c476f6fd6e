import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { conversationsApi } from '@/api/conversations';
import type { ConversationInfo } from '@/api/types';
import { matches, useConversationsStore } from './conversations';

vi.mock('@/api/conversations', () => ({ conversationsApi: { list: vi.fn(), messages: vi.fn(), visitor: vi.fn() } }));

const conv = (id: string, preview = '', pageUrl: string | null = null) =>
  ({ id, botId: 'b1', workspaceId: 'w', visitorId: `vis-${id}`, lastMessagePreview: preview, pageUrl, lastActivityAt: '' }) as unknown as ConversationInfo;

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
});

describe('conversations store', () => {
  it('pages through a bot\'s conversations and searches what is loaded', async () => {
    vi.mocked(conversationsApi.list)
      .mockResolvedValueOnce({ items: [conv('c1', 'Where is my refund?'), conv('c2', 'Hello', 'https://shop.example/help')], nextCursor: 'n1' })
      .mockResolvedValueOnce({ items: [conv('c3', 'Refund policy?')], nextCursor: null });
    const store = useConversationsStore();
    await store.open('b1');
    await store.fetchMore();
    expect(conversationsApi.list).toHaveBeenLastCalledWith('b1', 'n1');
    expect(store.records.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    store.query = 'REFUND';
    expect(store.visible.map((c) => c.id)).toEqual(['c1', 'c3']);
    store.query = 'shop.example';
    expect(store.visible.map((c) => c.id)).toEqual(['c2']);
    expect(store.meta.nextCursor).toBeNull();
  });

  it('moves an updated conversation to the top and starts afresh for another bot', async () => {
    vi.mocked(conversationsApi.list).mockResolvedValue({ items: [conv('c1'), conv('c2')], nextCursor: null });
    const store = useConversationsStore();
    await store.open('b1');
    store.upsert(conv('c2', 'new message'));
    expect(store.records.map((c) => c.id)).toEqual(['c2', 'c1']);
    store.query = 'x';
    await store.open('b2');
    expect(store.query).toBe('');
    expect(matches(conv('c9', 'Hi'), '')).toBe(true);
  });
});
