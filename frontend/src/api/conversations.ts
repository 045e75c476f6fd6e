import { http } from './http';
import type { ConversationInfo, ConversationMessage, Page, VisitorProfile } from './types';

/** A bot's conversations and their transcripts. */
export const conversationsApi = {
  list: (botId: string, cursor?: string | null, limit = 25) =>
    http.get<Page<ConversationInfo>>(`/api/v1/chatbots/${encodeURIComponent(botId)}/conversations`, { params: { limit, cursor: cursor ?? undefined } })
      .then((r) => r.data),
  messages: (conversationId: string, cursor?: string | null, limit = 100) =>
    http.get<Page<ConversationMessage>>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { params: { limit, cursor: cursor ?? undefined } })
      .then((r) => r.data),
  visitor: (conversationId: string) =>
    http.get<VisitorProfile>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/visitor`).then((r) => r.data),
};

