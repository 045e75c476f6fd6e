import { computed, reactive, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { inboxApi, type InboxFilters, type LiveConversation } from '@/api/inbox';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** Filters the server applies that the browser cannot check on a pushed conversation (rating, unanswered, search). */
const SERVER_ONLY: (keyof InboxFilters)[] = ['rating', 'unanswered', 'q'];

/** Whether a pushed conversation belongs in a list loaded with these filters (only the ones the browser can check). */
export function fitsFilters(c: LiveConversation, filters: InboxFilters): boolean {
  if (filters.mode && (c.mode ?? 'bot') !== filters.mode) return false;
  if (filters.status && (c.status ?? 'open') !== filters.status) return false;
  if (filters.botId && c.botId !== filters.botId) return false;
  // 'none' is the API's word for unassigned.
  if (filters.assigneeId && (c.assigneeId ?? 'none') !== filters.assigneeId) return false;
  return true;
}

const activity = (c: LiveConversation) => Date.parse(c.lastActivityAt ?? '') || 0;

/** What a pushed change means for the agent: a handoff is a conversation that just started waiting for a person. */
export type Change = 'new' | 'updated' | 'handoff' | 'ignored';

/**
 * The live inbox: the workspace's conversations with the server's filters and full-text search, newest activity first,
 * kept live by pushed changes (`apply`), with unread counts per conversation (new messages in a conversation that is
 * not open) and the open one (`openId`, read as it is shown). Actions (take over, hand back, close, reopen, assign)
 * put the API's answer in the list.
 */
export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore();
  const list = useRecords<LiveConversation>();
  const filters = reactive<InboxFilters>({ mode: null, status: null, botId: null, assigneeId: null, rating: null, unanswered: null, q: '' });
  const unread = ref<Record<string, number>>({});
  const openId = ref<string | null>(null);
  let loadedWith = '';
  let generation = 0;

  const totalUnread = computed(() => Object.values(unread.value).reduce((sum, n) => sum + n, 0));
  const waiting = computed(() => list.state.records.value.filter((c) => c.mode === 'waiting').length);

  watch(() => session.workspaceId, () => {
    list.reset();
    unread.value = {};
    openId.value = null;
  });

  function sort(): void {
    list.state.records.value = [...list.state.records.value].sort((a, b) => activity(b) - activity(a));
  }

  /** Loads the first page with the current filters (a newer load wins over a slower older one). */
  async function load(): Promise<void> {
    const workspaceId = session.workspaceId;
    if (!workspaceId) return;
    const mine = ++generation;
    const wanted = { ...filters };
    await list.track('isFetching', async () => {
      const page = await inboxApi.list(workspaceId, wanted);
      if (mine !== generation) return;
      loadedWith = JSON.stringify(wanted);
      list.replace(page.items, page.nextCursor);
    });
  }

  async function fetchMore(): Promise<void> {
    const workspaceId = session.workspaceId;
    if (!workspaceId || !list.state.meta.nextCursor) return;
    const wanted = JSON.parse(loadedWith || '{}') as InboxFilters;
    await list.track('isFetching', async () => {
      const page = await inboxApi.list(workspaceId, wanted, list.state.meta.nextCursor);
      list.append(page.items, page.nextCursor);
    });
  }

  function setFilters(next: Partial<InboxFilters>): Promise<void> {
    Object.assign(filters, next);
    return load();
  }

  /** A conversation as the hub pushed it (or an action returned it): in the list where it fits, counted unread when
   * new messages came to one that is not open. */
  function apply(c: LiveConversation): Change {
    const known = list.byId(c.id);
    const loaded = JSON.parse(loadedWith || '{}') as InboxFilters;
    const serverOnly = SERVER_ONLY.some((key) => !!loaded[key]);
    if (!fitsFilters(c, loaded) || (!known && serverOnly)) {
      // It no longer fits (or the browser cannot tell whether a new one would): out of this list.
      if (known) list.remove(c.id);
      return 'ignored';
    }
    const grew = Number(c.lastSeq ?? 0) - Number(known?.lastSeq ?? 0);
    if (grew > 0 && c.id !== openId.value) {
      unread.value = { ...unread.value, [c.id]: (unread.value[c.id] ?? 0) + grew };
    }
    list.upsert(c);
    sort();
    if (c.mode === 'waiting' && known?.mode !== 'waiting') return 'handoff';
    return known ? 'updated' : 'new';
  }

  function open(id: string | null): void {
    openId.value = id;
    if (id && unread.value[id]) {
      unread.value = Object.fromEntries(Object.entries(unread.value).filter(([key]) => key !== id));
    }
  }

  async function act(call: () => Promise<LiveConversation>): Promise<LiveConversation> {
    const updated = await list.track('isUpdating', call);
    apply(updated);
    return updated;
  }

  return {
    ...list.state,
    filters,
    unread,
    openId,
    totalUnread,
    waiting,
    byId: list.byId,
    load,
    fetchMore,
    setFilters,
    apply,
    open,
    takeover: (id: string) => act(() => inboxApi.takeover(id)),
    handback: (id: string) => act(() => inboxApi.handback(id)),
    close: (id: string) => act(() => inboxApi.close(id)),
    reopen: (id: string) => act(() => inboxApi.reopen(id)),
    assign: (id: string, userId: string | null) => act(() => inboxApi.assign(id, userId)),
  };
});
