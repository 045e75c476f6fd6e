import { http } from './http';
import type { Page, Schemas } from './types';

export type PlanTier = Schemas['PlanTier'];
export type Plan = Schemas['PlanResponse'];
export type Checkout = Schemas['CheckoutResponse'];
export type Statement = Schemas['StatementResponse'];
export type Usage = Schemas['UsageResponse'];
export type QuotaUsage = Schemas['QuotaUsageResponse'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`;

/** A plan change either applied at once (the new plan) or needs the payment provider's checkout (its address). */
export type PlanChangeResult = { applied: true; plan: Plan } | { applied: false; checkoutUrl: string | null };

export const billingApi = {
  /** Used and limit of every quota this month (limit null: none). */
  usage: (workspaceId: string) => http.get<Usage>(`${base(workspaceId)}/usage`).then((r) => r.data),
  plan: (workspaceId: string) => http.get<Plan>(`${base(workspaceId)}/billing/plan`).then((r) => r.data),
  changePlan: async (workspaceId: string, plan: PlanTier, returnUrl?: string): Promise<PlanChangeResult> => {
    const response = await http.put<Plan | Checkout>(`${base(workspaceId)}/billing/plan`, { plan, returnUrl });
    return response.status === 202
      ? { applied: false, checkoutUrl: (response.data as Checkout).checkoutUrl ?? null }
      : { applied: true, plan: response.data as Plan };
  },
  statements: (workspaceId: string, cursor?: string | null, limit = 24) =>
    http.get<Page<Statement>>(`${base(workspaceId)}/billing/statements`, { params: { limit, cursor: cursor ?? undefined } }).then((r) => r.data),
};
