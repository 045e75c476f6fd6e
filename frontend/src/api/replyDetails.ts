import { http } from './http';
import { ApiError } from './errors';
import type { Schemas } from './types';

export type ReplyDetails = Schemas['ReplyDetails'];
export type ReplyHit = Schemas['ReplyHit'];

export const replyDetailsApi = {
  /** How a stored reply was made: model, tokens, timings, the passages it used (editors and up). */
  get: (conversationId: string, seq: number) =>
    http.get<ReplyDetails>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/messages/${seq}/details`).then((r) => r.data),
};

/**
 * The details of a reply that just finished. Its record is committed a moment after the reply ends, so a 404 is
 * asked again (`attempts` times, `delayMs` apart) before it counts; any other failure rejects at once.
 */
export async function replyDetailsWhenRecorded(
  conversationId: string, seq: number,
  options: { attempts?: number; delayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<ReplyDetails> {
  const attempts = options.attempts ?? 8;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await replyDetailsApi.get(conversationId, seq);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404 || attempt >= attempts) throw e;
      await sleep(options.delayMs ?? 250 * attempt);
    }
  }
}
