import type { BotStats } from '@/api/stats';
import type { Chatbot } from '@/api/types';

/** The demo chatbot of the embedded run (the first account owns it); it does not count as the person's own work. */
export const DEMO_BOT_ID = 'demo';

export type StepId = 'create' | 'train' | 'test' | 'embed';

export interface Step {
  id: StepId;
  done: boolean;
  /** The bot the next action is about (the newest of the person's own). */
  botId: string | null;
}

/**
 * The get-started checklist, ticked from real data: a bot of one's own exists; one has an indexed source; one has a
 * conversation (asked in the playground or anywhere); one had a conversation from a page on another site (embedded).
 */
export function getStartedSteps(bots: Chatbot[], stats: Record<string, BotStats | undefined>): Step[] {
  const own = bots.filter((b) => b.id !== DEMO_BOT_ID);
  const newest = own[0]?.id ?? null;
  const any = (test: (s: BotStats) => boolean) => own.some((b) => {
    const s = stats[b.id];
    return s !== undefined && test(s);
  });
  return [
    { id: 'create', done: own.length > 0, botId: newest },
    { id: 'train', done: any((s) => s.indexedSources > 0), botId: newest },
    { id: 'test', done: any((s) => s.conversations > 0), botId: newest },
    { id: 'embed', done: any((s) => s.embedded), botId: newest },
  ];
}
