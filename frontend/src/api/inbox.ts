import { http } from './http';
import type { ConversationInfo, ConversationMessage, Page } from './types';

/** Who answers a conversation: the bot, nobody yet (a person was asked for), or the agent who holds it. */
export type ConversationMode = 'bot' | 'waiting' | 'human';
export type ConversationStatus = 'open' | 'closed';

/** A member as the live API names them (`heldBy`, a message's `author`). */
export interface Person {
  id: string;
  name: string;
}

/** A conversation as the inbox lists it: the stored conversation plus its live state (API.md "Live operations"). */
export type LiveConversation = ConversationInfo & {
  mode?: ConversationMode;
  status?: ConversationStatus;
  assigneeId?: string | null;
  heldBy?: Person | null;
};

/** A message as the inbox shows it: the bot's, the visitor's or an agent's (with its author; `private` notes the
 * visitor never sees). */
export type LiveMessage = Omit<ConversationMessage, 'role' | 'status'> & {
  role: string;
  /** `complete`, `interrupted` (cut short by a takeover), or while it arrives here `streaming` / `failed`. */
  status?: string;
  author?: Person | null;
  private?: boolean;
};

/** The inbox's filters (GET /api/v1/workspaces/{workspaceId}/conversations); `q` is the server's full-text search. */
export interface InboxFilters {
  mode?: ConversationMode | null;
  status?: ConversationStatus | null;
  botId?: string | null;
  assigneeId?: string | null;
  rating?: 'up' | 'down' | null;
  unanswered?: boolean | null;
  q?: string | null;
}

/** The query string of a filter set: empty values are left out, so the API applies no filter for them. */
export function filterParams(filters: InboxFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    params[key] = typeof value === 'string' ? value.trim() : String(value);
    if (params[key] === '') delete params[key];
  }
  return params;
}

const conversation = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

/** The live inbox: a workspace's conversations with filters and search, and what an agent does to one. */
export const inboxApi = {
  list: (workspaceId: string, filters: InboxFilters, cursor?: string | null, limit = 25) =>
    http.get<Page<LiveConversation>>(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}/conversations`, {
      params: { ...filterParams(filters), limit, cursor: cursor ?? undefined },
    }).then((r) => r.data),
  get: (conversationId: string) => http.get<LiveConversation>(conversation(conversationId)).then((r) => r.data),
  /** 409 names the agent who holds it. */
  takeover: (conversationId: string) => http.post<LiveConversation>(`${conversation(conversationId)}/takeover`).then((r) => r.data),
  handback: (conversationId: string) => http.post<LiveConversation>(`${conversation(conversationId)}/handback`).then((r) => r.data),
  close: (conversationId: string) => http.post<LiveConversation>(`${conversation(conversationId)}/close`).then((r) => r.data),
  reopen: (conversationId: string) => http.post<LiveConversation>(`${conversation(conversationId)}/reopen`).then((r) => r.data),
  assign: (conversationId: string, userId: string | null) =>
    http.put<LiveConversation>(`${conversation(conversationId)}/assignee`, { userId }).then((r) => r.data),
  /** A reply to the visitor (needs the conversation held), or with `isPrivate` a note only members see. */
  send: (conversationId: string, text: string, clientMessageId: string, isPrivate = false) =>
    http.post<LiveMessage>(`${conversation(conversationId)}/messages`, { text, clientMessageId, private: isPrivate }).then((r) => r.data),
};
