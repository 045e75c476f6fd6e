import { http } from './http';
import type { Model } from './types';

export const modelsApi = {
  /** The deployment's models (OpenAI's list shape) with each one's health. */
  list: () => http.get<{ data: Model[] }>('/api/v1/models').then((r) => r.data.data),
};
