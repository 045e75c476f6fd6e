import { ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { sourcesApi } from '@/api/sources';
import { createDashboardHub, type DashboardHub, type HubStatus, type SourceUpdate } from '@/api/dashboardHub';
import type { KnowledgeSource, NewSource, QaPair } from '@/api/types';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** A file being uploaded: its own progress (0 to 1) and, when it failed, why. */
export interface Upload {
  id: number;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

/**
 * One bot's training sources, kept live: `open(botId)` loads them and watches /hubs/dashboard, where every status,
 * stage and progress change arrives as a `sourceUpdated` event (no polling). `close()` stops watching.
 */
export const useKnowledgeStore = defineStore('knowledge', () => {
  const session = useSessionStore();
  const list = useRecords<KnowledgeSource>();
  const botId = ref<string | null>(null);
  const live = ref<HubStatus>('disconnected');
  const uploads = ref<Upload[]>([]);
  let hub: DashboardHub | null = null;
  let nextUpload = 1;

  /** Tests replace the hub factory. */
  const hubFactory = { create: (): DashboardHub => createDashboardHub({ onStatus: (s) => (live.value = s) }) };

  watch(() => session.workspaceId, () => void close());

  function apply(update: SourceUpdate): void {
    if (update.source.botId !== botId.value) return;
    if (update.deleted) list.remove(update.source.id);
    else list.upsert(update.source);
  }

  async function fetch(): Promise<void> {
    const id = botId.value;
    if (!id) return;
    await list.track('isFetching', async () => {
      const page = await sourcesApi.list(id);
      if (id === botId.value) list.replace(page.items, page.nextCursor);
    });
  }

  async function fetchMore(): Promise<void> {
    const id = botId.value;
    if (!id || !list.state.meta.nextCursor) return;
    await list.track('isFetching', async () => {
      const page = await sourcesApi.list(id, list.state.meta.nextCursor);
      list.append(page.items, page.nextCursor);
    });
  }

  async function open(id: string): Promise<void> {
    if (botId.value !== id) {
      await close();
      botId.value = id;
    }
    hub ??= hubFactory.create();
    // Watch first, then load: an update between the two is not lost (the load is at least as new).
    await hub.watchSources(id, apply, () => void fetch().catch(() => undefined)).catch(() => {
      live.value = 'disconnected';
    });
    await fetch();
  }

  async function close(): Promise<void> {
    const id = botId.value;
    botId.value = null;
    list.reset();
    uploads.value = [];
    if (id && hub) await hub.unwatchSources(id).catch(() => undefined);
  }

  async function add(body: NewSource): Promise<KnowledgeSource> {
    const id = botId.value!;
    return list.track('isCreating', async () => {
      const source = await sourcesApi.add(id, body);
      list.upsert(source);
      return source;
    });
  }

  async function importQa(pairs: QaPair[]): Promise<number> {
    const id = botId.value!;
    return list.track('isCreating', async () => {
      const page = await sourcesApi.importQa(id, pairs);
      page.items.forEach((s) => list.upsert(s));
      return page.items.length;
    });
  }

  /** Uploads files side by side, each with its own progress; resolves when all have finished (failures stay listed). */
  async function upload(files: File[]): Promise<void> {
    const id = botId.value!;
    await Promise.all(files.map(async (file) => {
      const entry: Upload = { id: nextUpload++, name: file.name, size: file.size, progress: 0, state: 'uploading' };
      uploads.value = [...uploads.value, entry];
      const item = () => uploads.value.find((u) => u.id === entry.id);
      try {
        const source = await sourcesApi.upload(id, file, (share) => {
          const u = item();
          if (u) u.progress = share;
        });
        list.upsert(source);
        const u = item();
        if (u) Object.assign(u, { progress: 1, state: 'done' });
      } catch (e) {
        const u = item();
        if (u) Object.assign(u, { state: 'failed', error: (e as Error).message });
      }
    }));
  }

  function dismissUpload(id: number): void {
    uploads.value = uploads.value.filter((u) => u.id !== id);
  }

  async function remove(sourceId: string): Promise<void> {
    const id = botId.value!;
    await list.track('isDeleting', async () => {
      await sourcesApi.remove(id, sourceId);
      list.remove(sourceId);
    });
  }

  async function sync(sourceId: string): Promise<void> {
    const id = botId.value!;
    await list.track('isUpdating', async () => list.upsert(await sourcesApi.sync(id, sourceId)));
  }

  return { ...list.state, botId, live, uploads, hubFactory, apply, open, close, fetch, fetchMore, add, importQa, upload, dismissUpload, remove, sync };
});
