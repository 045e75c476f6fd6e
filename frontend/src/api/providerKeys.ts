import { http } from './http';
import type { Schemas } from './types';

export type ProviderKey = Schemas['ProviderCredentialInfo'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/ai/providers`;

/** A workspace's own AI provider keys: the API shows a hint (the last characters), never the key. */
export const providerKeysApi = {
  list: (workspaceId: string) => http.get<{ items: ProviderKey[] }>(base(workspaceId)).then((r) => r.data.items),
  set: (workspaceId: string, provider: string, apiKey: string) =>
    http.put<ProviderKey>(`${base(workspaceId)}/${encodeURIComponent(provider)}`, { apiKey }).then((r) => r.data),
  remove: (workspaceId: string, provider: string) => http.delete(`${base(workspaceId)}/${encodeURIComponent(provider)}`).then(() => undefined),
};
