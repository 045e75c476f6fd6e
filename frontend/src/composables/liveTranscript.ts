import type { LiveMessage } from '@/api/inbox';
import type { StreamEvent } from '@/api/inboxHub';

/**
 * Applies one event of a conversation's stream to its messages (kept in seq order) and returns the new list, or null
 * when the event changed nothing. Whole messages (`message`, `done`) replace the message with their seq; `token`
 * pieces are placed at their `offset` (a piece already applied, or arriving twice, changes nothing); an `error` marks
 * the reply failed. Mode and typing events are not messages: null.
 */
export function applyStreamEvent(messages: LiveMessage[], e: StreamEvent): LiveMessage[] | null {
  if (typeof e.seq !== 'number' || e.seq < 1) return null;
  const seq = e.seq;
  const index = messages.findIndex((m) => Number(m.seq) === seq);
  const existing = index >= 0 ? messages[index] : undefined;
  let next: LiveMessage;
  switch (e.type) {
    case 'message':
    case 'done':
      next = {
        ...(existing ?? {}),
        id: e.messageId ?? existing?.id ?? `seq-${seq}`,
        seq,
        role: e.role ?? existing?.role ?? 'assistant',
        text: e.text ?? '',
        citations: (e.citations as LiveMessage['citations']) ?? existing?.citations ?? [],
        status: (e.status ?? 'complete') as LiveMessage['status'],
        createdAt: e.createdAt ?? existing?.createdAt ?? new Date().toISOString(),
        author: e.author ?? existing?.author ?? null,
        private: e.private ?? existing?.private ?? false,
      } as LiveMessage;
      if (existing && existing.status === next.status && existing.text === next.text && existing.role === next.role) return null;
      break;
    case 'token': {
      if (existing && existing.status !== 'streaming') return null;
      const text = existing?.text ?? '';
      const offset = typeof e.offset === 'number' ? e.offset : text.length;
      const piece = e.text ?? '';
      // A gap (a piece after text not yet seen) waits for the whole message; a piece seen before changes nothing.
      if (offset > text.length || offset + piece.length <= text.length) return null;
      next = {
        ...(existing ?? { citations: [], createdAt: e.createdAt ?? new Date().toISOString() }),
        id: e.messageId ?? existing?.id ?? `seq-${seq}`,
        seq,
        role: e.role ?? existing?.role ?? 'assistant',
        text: text.slice(0, offset) + piece,
        status: 'streaming',
      } as LiveMessage;
      break;
    }
    case 'error':
      if (existing && existing.status !== 'streaming') return null;
      next = { ...(existing ?? { text: '', citations: [], createdAt: new Date().toISOString(), role: 'assistant' }), id: e.messageId ?? existing?.id ?? `seq-${seq}`, seq, status: 'failed' } as LiveMessage;
      break;
    default:
      return null;
  }
  const list = messages.filter((m) => Number(m.seq) !== seq);
  list.push(next);
  list.sort((a, b) => Number(a.seq) - Number(b.seq));
  return list;
}
