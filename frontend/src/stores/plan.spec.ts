import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { billingApi } from '@/api/billing';
import { chatbotsApi } from '@/api/chatbots';
import { modelUsageApi } from '@/api/modelUsage';
import type { BotUsage } from '@/api/modelUsage';
import { useSessionStore } from './session';
import { summariseModelUsage, usePlanStore } from './plan';

vi.mock('@/api/billing', () => ({ billingApi: { usage: vi.fn(), plan: vi.fn(), changePlan: vi.fn(), statements: vi.fn() } }));
vi.mock('@/api/chatbots', () => ({ chatbotsApi: { list: vi.fn() } }));
vi.mock('@/api/modelUsage', () => ({ modelUsageApi: { workspace: vi.fn(), bot: vi.fn() } }));

const day = (model: string, replies: number, prompt: number, completion: number) =>
  ({ day: '2026-12-01', model, replies, promptTokens: prompt, completionTokens: completion, averageLatencyMs: 10 });
const usage = (...days: ReturnType<typeof day>[]) => ({ botId: 'b', from: '', to: '', days }) as unknown as BotUsage;

function signedInto(role: string) {
  const session = useSessionStore();
  session.workspaces = [{ id: 'w1', name: 'W', ownerId: 'u', role, memberCount: 1, createdAt: '', conversationRetentionDays: null }] as never;
  session.select('w1');
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  vi.clearAllMocks();
});

describe('model usage summary', () => {
  it('sums tokens and replies by model and by bot, largest first, leaving out idle bots', () => {
    const summary = summariseModelUsage([
      { id: 'b1', name: 'Sales', usage: usage(day('gpt', 2, 100, 50), day('embedded', 1, 10, 5), day('gpt', 1, 20, 10)) },
      { id: 'b2', name: 'Support', usage: usage(day('embedded', 3, 300, 300)) },
      { id: 'b3', name: 'Idle', usage: usage() },
    ]);
    expect(summary.byModel).toEqual([
      { key: 'embedded', label: 'embedded', replies: 4, tokens: 615 },
      { key: 'gpt', label: 'gpt', replies: 3, tokens: 180 },
    ]);
    expect(summary.byBot.map((b) => [b.label, b.tokens])).toEqual([['Support', 600], ['Sales', 195]]);
  });
});

describe('plan store', () => {
  it('loads quotas and plan; statements only for those who manage the workspace', async () => {
    signedInto('viewer');
    vi.mocked(billingApi.usage).mockResolvedValue({ quotas: [{ quota: 'seats', used: 1, limit: 3 }] } as never);
    vi.mocked(billingApi.plan).mockResolvedValue({ plan: 'free' } as never);
    const plan = usePlanStore();
    await plan.fetch();
    await plan.fetchStatements();
    expect(plan.usage?.quotas).toHaveLength(1);
    expect(plan.plan?.plan).toBe('free');
    expect(billingApi.statements).not.toHaveBeenCalled();
  });

  it('reloads the quotas after an applied plan change, not after a checkout', async () => {
    signedInto('owner');
    vi.mocked(billingApi.usage).mockResolvedValue({ quotas: [] } as never);
    const plan = usePlanStore();
    vi.mocked(billingApi.changePlan).mockResolvedValueOnce({ applied: true, plan: { plan: 'pro' } as never });
    await plan.changePlan('pro');
    expect(plan.plan?.plan).toBe('pro');
    expect(billingApi.usage).toHaveBeenCalledTimes(1);
    vi.mocked(billingApi.changePlan).mockResolvedValueOnce({ applied: false, checkoutUrl: 'https://pay.example' });
    expect(await plan.changePlan('business')).toEqual({ applied: false, checkoutUrl: 'https://pay.example' });
    expect(billingApi.usage).toHaveBeenCalledTimes(1);
  });

  it('reads model usage of every bot', async () => {
    signedInto('viewer');
    vi.mocked(modelUsageApi.workspace).mockResolvedValue({ replies: 3 } as never);
    vi.mocked(chatbotsApi.list).mockResolvedValue({ items: [{ id: 'b1', name: 'Sales' }], nextCursor: null } as never);
    vi.mocked(modelUsageApi.bot).mockResolvedValue(usage(day('gpt', 3, 30, 30)));
    const plan = usePlanStore();
    await plan.fetchModelUsage();
    expect(modelUsageApi.bot).toHaveBeenCalledWith('b1');
    expect(plan.byModel[0]).toMatchObject({ key: 'gpt', replies: 3, tokens: 60 });
    expect(plan.modelUsageError).toBeNull();
  });
});
