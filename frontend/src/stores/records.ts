import { reactive, ref, type Ref } from 'vue';
import { toApiError, type ApiError } from '@/api/errors';

/** What a resource store is doing, for spinners and disabled buttons. */
export interface UiFlags {
  isFetching: boolean;
  isCreating: boolean;
  isUpdating: boolean;
  isDeleting: boolean;
}

export interface ListMeta {
  /** The next page's cursor (the API's `nextCursor`), null at the end. */
  nextCursor: string | null;
  /** When the list was last loaded (ms since epoch), null before the first load. */
  loadedAt: number | null;
}

/**
 * The shape every resource store shares (in the spirit of Chatwoot's store factory): `records`, `meta`, `uiFlags` and
 * the last `error`, with helpers to keep records in place and to run a call under a flag. An area store composes it:
 *
 *   export const useThingsStore = defineStore('things', () => {
 *     const list = useRecords<Thing>();
 *     const fetch = () => list.track('isFetching', async () => list.replace((await thingsApi.list()).items));
 *     return { ...list.state, fetch };
 *   });
 */
export function useRecords<T extends { id: string }>() {
  const records = ref([]) as Ref<T[]>;
  const meta = reactive<ListMeta>({ nextCursor: null, loadedAt: null });
  const uiFlags = reactive<UiFlags>({ isFetching: false, isCreating: false, isUpdating: false, isDeleting: false });
  const error = ref<ApiError | null>(null);

  function byId(id: string): T | undefined {
    return records.value.find((r) => r.id === id);
  }

  function replace(items: T[], nextCursor: string | null = null): void {
    records.value = items;
    meta.nextCursor = nextCursor;
    meta.loadedAt = Date.now();
  }

  function append(items: T[], nextCursor: string | null): void {
    const known = new Set(records.value.map((r) => r.id));
    records.value = [...records.value, ...items.filter((r) => !known.has(r.id))];
    meta.nextCursor = nextCursor;
  }

  function upsert(record: T): void {
    const index = records.value.findIndex((r) => r.id === record.id);
    if (index >= 0) {
      records.value.splice(index, 1, record);
    } else {
      records.value.unshift(record);
    }
  }

  function remove(id: string): void {
    records.value = records.value.filter((r) => r.id !== id);
  }

  function reset(): void {
    records.value = [];
    meta.nextCursor = null;
    meta.loadedAt = null;
    error.value = null;
  }

  /** Runs `call` with `flag` raised; a failure is kept in `error` (as an ApiError) and rethrown. */
  async function track<R>(flag: keyof UiFlags, call: () => Promise<R>): Promise<R> {
    uiFlags[flag] = true;
    error.value = null;
    try {
      return await call();
    } catch (e) {
      error.value = toApiError(e);
      throw error.value;
    } finally {
      uiFlags[flag] = false;
    }
  }

  return { state: { records, meta, uiFlags, error }, byId, replace, append, upsert, remove, reset, track };
}
