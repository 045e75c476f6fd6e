import { reactive, watch } from 'vue';
import { defineStore } from 'pinia';
import { chatbotsApi } from '@/api/chatbots';
import { statsApi, type BotStats } from '@/api/stats';
import type { Chatbot, CreateChatbot, UpdateChatbot } from '@/api/types';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** The current workspace's chatbots, with each bot's stats (knowledge size, conversations today) loaded beside. */
export const useChatbotsStore = defineStore('chatbots', () => {
  const session = useSessionStore();
  const list = useRecords<Chatbot>();
  const stats = reactive<Record<string, BotStats | undefined>>({});

  watch(() => session.workspaceId, () => {
    list.reset();
    for (const id of Object.keys(stats)) delete stats[id];
  });

  async function fetch(): Promise<void> {
    const workspaceId = session.workspaceId;
    if (!workspaceId) {
      return;
    }
    await list.track('isFetching', async () => {
      const page = await chatbotsApi.list(workspaceId);
      list.replace(page.items, page.nextCursor);
    });
  }

  async function fetchMore(): Promise<void> {
    const workspaceId = session.workspaceId;
    if (!workspaceId || !list.state.meta.nextCursor) {
      return;
    }
    await list.track('isFetching', async () => {
      const page = await chatbotsApi.list(workspaceId, list.state.meta.nextCursor);
      list.append(page.items, page.nextCursor);
    });
  }

  /** Loads the stats of every listed bot (failures leave that bot's stats empty). */
  async function fetchStats(): Promise<void> {
    await Promise.all(list.state.records.value.map(async (bot) => {
      try {
        stats[bot.id] = await statsApi.bot(bot.id);
      } catch {
        stats[bot.id] = undefined;
      }
    }));
  }

  async function get(botId: string): Promise<Chatbot> {
    return list.track('isFetching', async () => {
      const bot = await chatbotsApi.get(botId);
      list.upsert(bot);
      return bot;
    });
  }

  async function create(body: Omit<CreateChatbot, 'workspaceId'>): Promise<Chatbot> {
    return list.track('isCreating', async () => {
      const bot = await chatbotsApi.create({ ...body, workspaceId: session.workspaceId });
      list.upsert(bot);
      return bot;
    });
  }

  async function update(botId: string, patch: UpdateChatbot): Promise<Chatbot> {
    return list.track('isUpdating', async () => {
      const bot = await chatbotsApi.update(botId, patch);
      list.upsert(bot);
      return bot;
    });
  }

  async function remove(botId: string): Promise<void> {
    await list.track('isDeleting', async () => {
      await chatbotsApi.remove(botId);
      list.remove(botId);
      delete stats[botId];
    });
  }

  return { ...list.state, stats, byId: list.byId, fetch, fetchMore, fetchStats, get, create, update, remove };
});
