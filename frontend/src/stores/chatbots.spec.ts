import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { chatbotsApi } from '@/api/chatbots';
import { statsApi } from '@/api/stats';
import { ApiError } from '@/api/errors';
import type { Chatbot } from '@/api/types';
import { useSessionStore } from './session';
import { useChatbotsStore } from './chatbots';

vi.mock('@/api/chatbots', () => ({ chatbotsApi: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() } }));
vi.mock('@/api/stats', () => ({ statsApi: { bot: vi.fn() } }));

const bot = (id: string, name = id) => ({ id, name, workspaceId: 'w1' }) as Chatbot;

function signedInto(workspaceId: string) {
  const session = useSessionStore();
  session.workspaces = [{ id: workspaceId, name: 'W', ownerId: 'u', role: 'owner', memberCount: 1, createdAt: '' }] as never;
  session.select(workspaceId);
  return session;
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
});

describe('chatbots store', () => {
  it('lists the current workspace\'s bots with their stats', async () => {
    signedInto('w1');
    vi.mocked(chatbotsApi.list).mockResolvedValue({ items: [bot('b1'), bot('b2')], nextCursor: null });
    vi.mocked(statsApi.bot).mockImplementation(async (id) => ({ sources: id === 'b1' ? 2 : 0 }) as never);
    const store = useChatbotsStore();
    await store.fetch();
    await store.fetchStats();
    expect(chatbotsApi.list).toHaveBeenCalledWith('w1');
    expect(store.records.map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(store.stats.b1?.sources).toBe(2);
    expect(store.uiFlags.isFetching).toBe(false);
  });

  it('creates in the current workspace, updates in place and deletes', async () => {
    signedInto('w1');
    const store = useChatbotsStore();
    vi.mocked(chatbotsApi.create).mockResolvedValue(bot('b3', 'New'));
    await store.create({ name: 'New' });
    expect(chatbotsApi.create).toHaveBeenCalledWith({ name: 'New', workspaceId: 'w1' });
    vi.mocked(chatbotsApi.update).mockResolvedValue(bot('b3', 'Renamed'));
    await store.update('b3', { name: 'Renamed' });
    expect(store.byId('b3')?.name).toBe('Renamed');
    vi.mocked(chatbotsApi.remove).mockResolvedValue(undefined);
    await store.remove('b3');
    expect(store.records).toEqual([]);
  });

  it('keeps a validation failure for the editor', async () => {
    signedInto('w1');
    const store = useChatbotsStore();
    vi.mocked(chatbotsApi.update).mockRejectedValue(new ApiError(400, { status: 400, errors: { 'answer.temperature': ['Must be between 0 and 2.'] } }, 'x'));
    await expect(store.update('b1', { answer: { temperature: 5 } })).rejects.toBeInstanceOf(ApiError);
    expect(store.error?.field('answer.temperature')).toBe('Must be between 0 and 2.');
    expect(store.uiFlags.isUpdating).toBe(false);
  });

  it('forgets the bots of the workspace left behind', async () => {
    const session = signedInto('w1');
    vi.mocked(chatbotsApi.list).mockResolvedValue({ items: [bot('b1')], nextCursor: null });
    const store = useChatbotsStore();
    await store.fetch();
    session.workspaces = [...session.workspaces, { id: 'w2', name: 'W2', ownerId: 'u', role: 'owner', memberCount: 1, createdAt: '' }] as never;
    session.select('w2');
    await nextTick();
    expect(store.records).toEqual([]);
  });
});
