import { http } from './http';
import type { Page, Schemas } from './types';

export type ApiKey = Schemas['ApiKeyResponse'];
export type IssuedApiKey = Schemas['IssuedApiKeyResponse'];
export type CreateApiKey = Schemas['CreateApiKeyRequest'];

const base = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/api-keys`;

export const apiKeysApi = {
  list: (workspaceId: string) => http.get<Page<ApiKey>>(base(workspaceId)).then((r) => r.data),
  /** The answer holds the secret: the only time it is ever available. */
  create: (workspaceId: string, body: CreateApiKey) => http.post<IssuedApiKey>(base(workspaceId), body).then((r) => r.data),
  /** A new secret; the old one keeps working for `overlapSeconds` (the API's default is a day). */
  rotate: (workspaceId: string, keyId: string, overlapSeconds?: number) =>
    http.post<IssuedApiKey>(`${base(workspaceId)}/${encodeURIComponent(keyId)}/rotate`, overlapSeconds === undefined ? {} : { overlapSeconds }).then((r) => r.data),
  revoke: (workspaceId: string, keyId: string) => http.delete(`${base(workspaceId)}/${encodeURIComponent(keyId)}`).then(() => undefined),
};
