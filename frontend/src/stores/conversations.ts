import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { conversationsApi } from '@/api/conversations';
import type { ConversationInfo } from '@/api/types';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** What a search looks at: the conversation and visitor ids, the page it started on and the last message. */
export function matches(conversation: ConversationInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [conversation.id, conversation.visitorId, conversation.pageUrl, conversation.lastMessagePreview]
    .some((field) => typeof field === 'string' && field.toLowerCase().includes(q));
}

/**
 * One bot's conversations, newest activity first, a page at a time. The API lists without a search, so `query`
 * filters the pages loaded so far (`fetchMore` loads further back). Live events (the inbox to come) go through
 * `upsert`, which moves a conversation to the top.
 */
export const useConversationsStore = defineStore('conversations', () => {
  const session = useSessionStore();
  const list = useRecords<ConversationInfo>();
  const botId = ref<string | null>(null);
  const query = ref('');
  const visible = computed(() => list.state.records.value.filter((c) => matches(c, query.value)));

  watch(() => session.workspaceId, () => {
    list.reset();
    botId.value = null;
  });

  async function open(id: string): Promise<void> {
    if (botId.value !== id) {
      list.reset();
      query.value = '';
      botId.value = id;
    }
    await list.track('isFetching', async () => {
      const page = await conversationsApi.list(id);
      if (botId.value === id) list.replace(page.items, page.nextCursor);
    });
  }

  async function fetchMore(): Promise<void> {
    const id = botId.value;
    if (!id || !list.state.meta.nextCursor) return;
    await list.track('isFetching', async () => {
      const page = await conversationsApi.list(id, list.state.meta.nextCursor);
      list.append(page.items, page.nextCursor);
    });
  }

  function upsert(conversation: ConversationInfo): void {
    list.remove(conversation.id);
    list.upsert(conversation);
  }

  return { ...list.state, botId, query, visible, open, fetchMore, upsert, byId: list.byId };
});
