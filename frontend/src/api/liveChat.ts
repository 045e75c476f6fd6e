import { http } from './http';

/** A week day as the API writes it. */
export type WeekDay = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** One opening window of a day in the bot's time zone (`HH:mm`, `24:00` for midnight). */
export interface BusinessHoursWindow {
  day: WeekDay;
  open: string;
  close: string;
}

/** The rules that hand a conversation to the agents; each can be switched on or off. */
export interface HandoffRules {
  visitorAsks: boolean;
  fallbackEnabled: boolean;
  fallbackReplies: number;
  thumbsDown: boolean;
  keywordsEnabled: boolean;
  keywords: string[];
}

/** A chatbot's live-chat settings: the nested `liveChat` object of GET|PATCH /api/v1/chatbots/{botId}. */
export interface LiveChatSettings {
  talkToHumanEnabled: boolean;
  handoff: HandoffRules;
  timeZone: string;
  /** Empty: agents answer at any time. */
  businessHours: BusinessHoursWindow[];
  /** Open conversations close after this many idle minutes; 0 never. */
  idleCloseMinutes: number;
  offlineMessage: string;
}

export const liveChatApi = {
  get: (botId: string) =>
    http.get<{ liveChat?: LiveChatSettings | null }>(`/api/v1/chatbots/${encodeURIComponent(botId)}`).then((r) => r.data.liveChat ?? null),
  /** Members present change; `businessHours` and `handoff.keywords` replace their lists. */
  update: (botId: string, liveChat: Partial<LiveChatSettings>) =>
    http.patch<{ liveChat?: LiveChatSettings | null }>(`/api/v1/chatbots/${encodeURIComponent(botId)}`, { liveChat }).then((r) => r.data.liveChat ?? null),
};
