import { http } from './http';
import type { Chatbot, CreateChatbot, Page, UpdateChatbot } from './types';

export const chatbotsApi = {
  list: (workspaceId: string, cursor?: string | null, limit = 100) =>
    http.get<Page<Chatbot>>('/api/v1/chatbots', { params: { workspaceId, limit, cursor: cursor ?? undefined } }).then((r) => r.data),
  get: (botId: string) => http.get<Chatbot>(`/api/v1/chatbots/${encodeURIComponent(botId)}`).then((r) => r.data),
  create: (body: CreateChatbot) => http.post<Chatbot>('/api/v1/chatbots', body).then((r) => r.data),
  update: (botId: string, patch: UpdateChatbot) => http.patch<Chatbot>(`/api/v1/chatbots/${encodeURIComponent(botId)}`, patch).then((r) => r.data),
  remove: (botId: string) => http.delete(`/api/v1/chatbots/${encodeURIComponent(botId)}`).then(() => undefined),
};
