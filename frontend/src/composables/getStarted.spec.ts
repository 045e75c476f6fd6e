import { describe, expect, it } from 'vitest';
import type { BotStats } from '@/api/stats';
import type { Chatbot } from '@/api/types';
import { getStartedSteps } from './getStarted';

const bot = (id: string) => ({ id, name: id }) as Chatbot;
const stats = (over: Partial<BotStats>): BotStats => ({
  sources: 0, moreSources: false, indexedSources: 0, characters: 0, chunks: 0, conversationsToday: 0, moreToday: false, conversations: 0, embedded: false, ...over,
});

describe('getStartedSteps', () => {
  it('has nothing done for a new account, whose only bot is the demo', () => {
    const steps = getStartedSteps([bot('demo')], { demo: stats({ indexedSources: 12, conversations: 3, embedded: true }) });
    expect(steps.map((s) => s.done)).toEqual([false, false, false, false]);
  });

  it('ticks each step from the person\'s own bots', () => {
    const bots = [bot('b2'), bot('b1'), bot('demo')];
    expect(getStartedSteps(bots, {}).map((s) => s.done)).toEqual([true, false, false, false]);
    const steps = getStartedSteps(bots, { b1: stats({ indexedSources: 1 }), b2: stats({ conversations: 2, embedded: true }) });
    expect(steps.map((s) => s.done)).toEqual([true, true, true, true]);
    expect(steps[0]!.botId).toBe('b2');
  });
});
