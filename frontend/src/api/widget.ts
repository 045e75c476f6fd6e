import { http } from './http';

/** A bot's identity-verification secret: made (shown once) or removed; the API never shows it again. */
export const widgetApi = {
  createSecret: (botId: string) =>
    http.post<{ secret: string }>(`/api/v1/chatbots/${encodeURIComponent(botId)}/widget/identity-secret`).then((r) => r.data),
  removeSecret: (botId: string) => http.delete(`/api/v1/chatbots/${encodeURIComponent(botId)}/widget/identity-secret`).then(() => undefined),
};
