import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { sourcesApi } from '@/api/sources';
import type { SourceUpdate } from '@/api/dashboardHub';
import type { KnowledgeSource } from '@/api/types';
import { useKnowledgeStore } from './knowledge';

vi.mock('@/api/sources', () => ({ sourcesApi: { list: vi.fn(), add: vi.fn(), upload: vi.fn(), importQa: vi.fn(), remove: vi.fn(), sync: vi.fn(), search: vi.fn() } }));

const source = (id: string, status = 'queued', progress = 0) => ({ id, botId: 'b1', status, progress, title: id }) as KnowledgeSource;

function withFakeHub() {
  const store = useKnowledgeStore();
  const hub = { onUpdate: null as ((u: SourceUpdate) => void) | null, onResync: null as (() => void) | null, watched: [] as string[], unwatched: [] as string[] };
  store.hubFactory.create = () => ({
    watchSources: async (botId, onUpdate, onResync) => {
      hub.watched.push(botId);
      hub.onUpdate = onUpdate;
      hub.onResync = onResync;
    },
    unwatchSources: async (botId) => {
      hub.unwatched.push(botId);
    },
  });
  return { store, hub };
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
});

describe('knowledge store', () => {
  it('watches the bot, loads its sources and applies live updates and deletions', async () => {
    vi.mocked(sourcesApi.list).mockResolvedValue({ items: [source('s1')], nextCursor: null });
    const { store, hub } = withFakeHub();
    await store.open('b1');
    expect(hub.watched).toEqual(['b1']);
    expect(store.records.map((s) => s.id)).toEqual(['s1']);

    hub.onUpdate!({ source: source('s1', 'processing', 0.5), deleted: false });
    expect(store.records[0]).toMatchObject({ status: 'processing', progress: 0.5 });
    hub.onUpdate!({ source: source('s2'), deleted: false });
    expect(store.records.map((s) => s.id)).toEqual(['s2', 's1']);
    hub.onUpdate!({ source: source('s1'), deleted: true });
    expect(store.records.map((s) => s.id)).toEqual(['s2']);
    hub.onUpdate!({ source: { ...source('x'), botId: 'other' }, deleted: false });
    expect(store.records).toHaveLength(1);
  });

  it('reloads after a reconnect and stops watching the previous bot when another opens', async () => {
    vi.mocked(sourcesApi.list).mockResolvedValue({ items: [], nextCursor: null });
    const { store, hub } = withFakeHub();
    await store.open('b1');
    hub.onResync!();
    await Promise.resolve();
    expect(sourcesApi.list).toHaveBeenCalledTimes(2);
    await store.open('b2');
    expect(hub.unwatched).toEqual(['b1']);
    expect(store.botId).toBe('b2');
  });

  it('uploads files side by side, each with its own progress, and keeps a failure with its reason', async () => {
    vi.mocked(sourcesApi.list).mockResolvedValue({ items: [], nextCursor: null });
    const { store } = withFakeHub();
    await store.open('b1');
    const seen: number[] = [];
    vi.mocked(sourcesApi.upload).mockImplementation(async (_bot, file, onProgress) => {
      if (file.name === 'bad.exe') throw new Error('Unsupported file type');
      onProgress?.(0.5);
      seen.push(store.uploads.find((u) => u.name === file.name)!.progress);
      return source(file.name);
    });
    await store.upload([new File(['a'], 'a.md'), new File(['b'], 'bad.exe')]);
    expect(seen).toEqual([0.5]);
    expect(store.uploads.map((u) => [u.name, u.state, u.error])).toEqual([['a.md', 'done', undefined], ['bad.exe', 'failed', 'Unsupported file type']]);
    expect(store.records.map((s) => s.id)).toEqual(['a.md']);
  });
});
