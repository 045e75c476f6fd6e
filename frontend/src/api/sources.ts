import type { AxiosProgressEvent } from 'axios';
import { http } from './http';
import type { KnowledgeHit, KnowledgeSource, NewSource, Page, QaPair } from './types';

const base = (botId: string) => `/api/v1/chatbots/${encodeURIComponent(botId)}`;

/** A bot's training sources (the API's Knowledge group). */
export const sourcesApi = {
  list: (botId: string, cursor?: string | null, limit = 100) =>
    http.get<Page<KnowledgeSource>>(`${base(botId)}/sources`, { params: { limit, cursor: cursor ?? undefined } }).then((r) => r.data),
  add: (botId: string, body: NewSource) => http.post<KnowledgeSource>(`${base(botId)}/sources`, body).then((r) => r.data),
  /** Uploads one document as multipart field 'file'; `onProgress` gets the share sent (0 to 1). */
  upload: (botId: string, file: File, onProgress?: (share: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.post<KnowledgeSource>(`${base(botId)}/sources/files`, form, {
      onUploadProgress: (e: AxiosProgressEvent) => onProgress?.(e.total ? e.loaded / e.total : e.progress ?? 0),
    }).then((r) => r.data);
  },
  /** Adds many Q&A pairs at once (all or none), sent as JSON. */
  importQa: (botId: string, pairs: QaPair[]) =>
    http.post<Page<KnowledgeSource>>(`${base(botId)}/sources/qa/import`, JSON.stringify(pairs), { headers: { 'Content-Type': 'application/json' } })
      .then((r) => r.data),
  remove: (botId: string, sourceId: string) => http.delete(`${base(botId)}/sources/${encodeURIComponent(sourceId)}`).then(() => undefined),
  sync: (botId: string, sourceId: string) => http.post<KnowledgeSource>(`${base(botId)}/sources/${encodeURIComponent(sourceId)}/sync`).then((r) => r.data),
  search: (botId: string, query: string, topK = 8) => http.post<KnowledgeHit[]>(`${base(botId)}/search`, { query, topK }).then((r) => r.data),
};
