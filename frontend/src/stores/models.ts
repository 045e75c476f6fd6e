import { computed } from 'vue';
import { defineStore } from 'pinia';
import { modelsApi } from '@/api/models';
import type { Model } from '@/api/types';
import { useRecords } from './records';

/** The `owned_by` of the chatbots /api/v1/models also lists (for OpenAI-compatible clients): no model to answer with. */
export const CHATBOT_OWNER = 'chatsphere-chatbot';

/** The deployment's answer models and their health (from /api/v1/models, without the chatbot entries). */
export const useModelsStore = defineStore('models', () => {
  const list = useRecords<Model>();

  async function fetch(force = false): Promise<void> {
    if (!force && list.state.meta.loadedAt !== null) {
      return;
    }
    await list.track('isFetching', async () => list.replace((await modelsApi.list()).filter((m) => m.owned_by !== CHATBOT_OWNER)));
  }

  /** Models a bot can answer with (chat models; the embedding models are not offered). */
  const answerModels = computed(() => list.state.records.value.filter((m) => !m.kind.toLowerCase().includes('embed')));

  return { ...list.state, byId: list.byId, answerModels, fetch };
});

/** The API's health statuses: unknown (not used yet), healthy, degraded (recent failures), unavailable. */
export type HealthStatus = 'unknown' | 'healthy' | 'degraded' | 'unavailable';
export type HealthTone = 'success' | 'warning' | 'danger' | 'neutral';

export function healthStatus(model: Model | undefined): HealthStatus {
  const status = model?.health.status.toLowerCase();
  return status === 'healthy' || status === 'degraded' || status === 'unavailable' ? status : 'unknown';
}

export function healthTone(status: HealthStatus): HealthTone {
  return ({ healthy: 'success', degraded: 'warning', unavailable: 'danger', unknown: 'neutral' } as const)[status];
}
