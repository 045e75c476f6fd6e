import { http } from './http';
import type { Page } from './types';

/** A saved reply agents insert in the inbox; `{{visitor.name}}` and the like are filled in when it is picked. */
export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

export type CannedResponseInput = Pick<CannedResponse, 'shortcut' | 'title' | 'text'>;

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/canned-responses`;

export const cannedResponsesApi = {
  list: (workspaceId: string) =>
    http.get<Page<CannedResponse> | CannedResponse[]>(base(workspaceId), { params: { limit: 100 } })
      .then((r) => (Array.isArray(r.data) ? r.data : r.data.items)),
  create: (workspaceId: string, input: CannedResponseInput) => http.post<CannedResponse>(base(workspaceId), input).then((r) => r.data),
  update: (workspaceId: string, id: string, input: CannedResponseInput) =>
    http.patch<CannedResponse>(`${base(workspaceId)}/${encodeURIComponent(id)}`, input).then((r) => r.data),
  remove: (workspaceId: string, id: string) => http.delete(`${base(workspaceId)}/${encodeURIComponent(id)}`).then(() => undefined),
  /** The text with its variables filled in by the server for one conversation (the visitor's name and email, the agent, the bot). */
  render: (workspaceId: string, id: string, conversationId: string) =>
    http.post<{ text: string }>(`${base(workspaceId)}/${encodeURIComponent(id)}/render`, { conversationId }).then((r) => r.data.text),
};
