import { http } from './http';
import type { ConversationInfo, KnowledgeSource, Page } from './types';
import { num } from './types';

/** What a bot's row and the get-started checklist show, read from the sources and conversations lists. */
export interface BotStats {
  sources: number;
  /** More sources than one page holds. */
  moreSources: boolean;
  indexedSources: number;
  characters: number;
  chunks: number;
  /** Conversations with activity since midnight UTC (at most one page counted). */
  conversationsToday: number;
  moreToday: boolean;
  conversations: number;
  /** A conversation came from a page on another site than this dashboard's (the widget is embedded). */
  embedded: boolean;
}

const PAGE = 100;

export function summarise(sources: Page<KnowledgeSource>, conversations: Page<ConversationInfo>, now: Date, ownOrigin: string): BotStats {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const today = conversations.items.filter((c) => c.lastActivityAt && Date.parse(c.lastActivityAt) >= midnight);
  return {
    sources: sources.items.length,
    moreSources: sources.nextCursor !== null,
    indexedSources: sources.items.filter((s) => s.status === 'indexed').length,
    characters: sources.items.reduce((sum, s) => sum + num(s.characters), 0),
    chunks: sources.items.reduce((sum, s) => sum + num(s.chunks), 0),
    conversationsToday: today.length,
    moreToday: today.length === conversations.items.length && conversations.nextCursor !== null,
    conversations: conversations.items.length,
    embedded: conversations.items.some((c) => isOtherSite(c.pageUrl, ownOrigin)),
  };
}

function isOtherSite(pageUrl: string | null | undefined, ownOrigin: string): boolean {
  if (!pageUrl) {
    return false;
  }
  try {
    return new URL(pageUrl).origin !== ownOrigin;
  } catch {
    return false;
  }
}

export const statsApi = {
  bot: async (botId: string): Promise<BotStats> => {
    const id = encodeURIComponent(botId);
    const [sources, conversations] = await Promise.all([
      http.get<Page<KnowledgeSource>>(`/api/v1/chatbots/${id}/sources`, { params: { limit: PAGE } }).then((r) => r.data),
      http.get<Page<ConversationInfo>>(`/api/v1/chatbots/${id}/conversations`, { params: { limit: PAGE } }).then((r) => r.data),
    ]);
    return summarise(sources, conversations, new Date(), window.location.origin);
  },
};
