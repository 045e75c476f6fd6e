import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { modelsApi } from '@/api/models';
import type { Model } from '@/api/types';
import { CHATBOT_OWNER, useModelsStore } from './models';

vi.mock('@/api/models', () => ({ modelsApi: { list: vi.fn() } }));

const model = (id: string, owned_by: string, kind = 'chat') => ({ id, owned_by, kind, providerType: owned_by, health: { status: 'healthy' } }) as unknown as Model;

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
});

describe('models store', () => {
  it('keeps the deployment\'s models and leaves out the chatbots the API also lists', async () => {
    vi.mocked(modelsApi.list).mockResolvedValue([
      model('embedded', 'embedded'), model('all-MiniLM-L6-v2', 'embedded', 'embeddings'), model('gpt-4o-mini', 'openai'), model('bot_1', CHATBOT_OWNER, 'chatbot'),
    ]);
    const models = useModelsStore();
    await models.fetch();
    expect(models.records.map((m) => m.id)).toEqual(['embedded', 'all-MiniLM-L6-v2', 'gpt-4o-mini']);
    expect(models.answerModels.map((m) => m.id)).toEqual(['embedded', 'gpt-4o-mini']);
  });
});
