import { reactive, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { billingApi, type PlanChangeResult } from '@/api/billing';
import { chatbotsApi } from '@/api/chatbots';
import { modelUsageApi } from '@/api/modelUsage';
import { toApiError, type ApiError } from '@/api/errors';
import type { Plan, PlanTier, Statement, Usage } from '@/api/billing';
import type { BotUsage, WorkspaceModelUsage } from '@/api/modelUsage';
import { num } from '@/api/types';
import { allows } from '@/composables/usePermissions';
import { useSessionStore } from './session';

/** Replies and tokens of one model or one bot over the period the charts show. */
export interface UsageTotal {
  key: string;
  label: string;
  replies: number;
  tokens: number;
}

/** Sums the bots' daily rows by model and by bot, largest first. */
export function summariseModelUsage(bots: { id: string; name: string; usage: BotUsage }[]): { byModel: UsageTotal[]; byBot: UsageTotal[] } {
  const models = new Map<string, UsageTotal>();
  const byBot: UsageTotal[] = [];
  for (const bot of bots) {
    const total: UsageTotal = { key: bot.id, label: bot.name, replies: 0, tokens: 0 };
    for (const day of bot.usage.days) {
      const replies = num(day.replies);
      const tokens = num(day.promptTokens) + num(day.completionTokens);
      total.replies += replies;
      total.tokens += tokens;
      const model = models.get(day.model) ?? { key: day.model, label: day.model, replies: 0, tokens: 0 };
      model.replies += replies;
      model.tokens += tokens;
      models.set(day.model, model);
    }
    byBot.push(total);
  }
  const largest = (a: UsageTotal, b: UsageTotal) => b.tokens - a.tokens || b.replies - a.replies || a.label.localeCompare(b.label);
  return { byModel: [...models.values()].sort(largest), byBot: byBot.filter((b) => b.replies > 0 || b.tokens > 0).sort(largest) };
}

/** The current workspace's plan, its quotas this month, its statements and its model usage. */
export const usePlanStore = defineStore('plan', () => {
  const session = useSessionStore();
  const usage = ref<Usage | null>(null);
  const plan = ref<Plan | null>(null);
  const statements = ref<Statement[]>([]);
  const statementsCursor = ref<string | null>(null);
  const monthly = ref<WorkspaceModelUsage | null>(null);
  const byModel = ref<UsageTotal[]>([]);
  const byBot = ref<UsageTotal[]>([]);
  const uiFlags = reactive({ isFetching: false, isChanging: false, isFetchingStatements: false, isFetchingModelUsage: false });
  const error = ref<ApiError | null>(null);
  const statementsError = ref<ApiError | null>(null);
  const modelUsageError = ref<ApiError | null>(null);

  function reset(): void {
    usage.value = null;
    plan.value = null;
    statements.value = [];
    statementsCursor.value = null;
    monthly.value = null;
    byModel.value = [];
    byBot.value = [];
    error.value = statementsError.value = modelUsageError.value = null;
  }
  watch(() => session.workspaceId, reset);

  function workspace(): string {
    const id = session.workspaceId;
    if (!id) throw new Error('No workspace is selected.');
    return id;
  }

  /** The quotas and the plan (everyone may read them). */
  async function fetch(): Promise<void> {
    const id = workspace();
    uiFlags.isFetching = true;
    error.value = null;
    try {
      [usage.value, plan.value] = await Promise.all([billingApi.usage(id), billingApi.plan(id)]);
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      uiFlags.isFetching = false;
    }
  }

  /** Statements, for those who may manage the workspace (the API refuses the others). */
  async function fetchStatements(more = false): Promise<void> {
    if (!allows(session.role, 'manageWorkspace')) return;
    const id = workspace();
    uiFlags.isFetchingStatements = true;
    statementsError.value = null;
    try {
      const page = await billingApi.statements(id, more ? statementsCursor.value : null);
      statements.value = more ? [...statements.value, ...page.items] : page.items;
      statementsCursor.value = page.nextCursor;
    } catch (e) {
      statementsError.value = toApiError(e);
    } finally {
      uiFlags.isFetchingStatements = false;
    }
  }

  /** This month's totals and the last 30 days by model and by bot (every bot of the workspace). */
  async function fetchModelUsage(): Promise<void> {
    const id = workspace();
    uiFlags.isFetchingModelUsage = true;
    modelUsageError.value = null;
    try {
      const [month, bots] = await Promise.all([modelUsageApi.workspace(id), chatbotsApi.list(id)]);
      const usages = await Promise.all(bots.items.map(async (bot) => ({ id: bot.id, name: bot.name, usage: await modelUsageApi.bot(bot.id) })));
      monthly.value = month;
      const summary = summariseModelUsage(usages);
      byModel.value = summary.byModel;
      byBot.value = summary.byBot;
    } catch (e) {
      modelUsageError.value = toApiError(e);
    } finally {
      uiFlags.isFetchingModelUsage = false;
    }
  }

  /** Moves to another plan: applied at once (the quotas reload) or through the provider's checkout. */
  async function changePlan(tier: PlanTier, returnUrl?: string): Promise<PlanChangeResult> {
    const id = workspace();
    uiFlags.isChanging = true;
    try {
      const result = await billingApi.changePlan(id, tier, returnUrl);
      if (result.applied) {
        plan.value = result.plan;
        usage.value = await billingApi.usage(id);
      }
      return result;
    } finally {
      uiFlags.isChanging = false;
    }
  }

  return {
    usage, plan, statements, statementsCursor, monthly, byModel, byBot, uiFlags, error, statementsError, modelUsageError,
    fetch, fetchStatements, fetchModelUsage, changePlan, reset,
  };
});
