import { http } from './http';
import type { Schemas } from './types';

export type WorkspaceModelUsage = Schemas['WorkspaceMonthlyUsage'];
export type BotUsage = Schemas['BotUsageResponse'];

export const modelUsageApi = {
  /** The workspace's replies and tokens in a UTC month (yyyy-MM; the current month by default). */
  workspace: (workspaceId: string, month?: string) =>
    http.get<WorkspaceModelUsage>(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}/usage/models`, { params: { month } }).then((r) => r.data),
  /** A bot's replies, tokens and latency per UTC day and model (from, to: yyyy-MM-dd; the last 30 days by default). */
  bot: (botId: string, from?: string, to?: string) =>
    http.get<BotUsage>(`/api/v1/chatbots/${encodeURIComponent(botId)}/usage`, { params: { from, to } }).then((r) => r.data),
};
