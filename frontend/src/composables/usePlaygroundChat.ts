import { ref } from 'vue';
import { streamChat } from '@/api/chat';
import { toApiError, type ApiError } from '@/api/errors';
import type { ChatReply, Citation } from '@/api/types';

/** One turn of the playground: the person's message or the bot's reply (streaming until `done`). */
export interface PlaygroundMessage {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  citations: Citation[];
  streaming: boolean;
  failed?: string;
  /** Milliseconds from sending to the first piece, and to the end (measured here). */
  firstTokenMs?: number;
  totalMs?: number;
  /** The stored reply's id and seq, once done. */
  id?: string;
  seq?: number;
}

export interface PlaygroundOptions {
  /** Asks the session for a new access token (the stream's 401). */
  refresh?: () => Promise<boolean>;
  now?: () => number;
}

/**
 * A conversation with a bot as a visitor would have it, streamed over Server-Sent Events. `reset()` forgets the
 * conversation, so the next message starts a new one.
 */
export function usePlaygroundChat(botId: () => string, options: PlaygroundOptions = {}) {
  const messages = ref<PlaygroundMessage[]>([]);
  const conversationId = ref<string | null>(null);
  const sending = ref(false);
  const error = ref<ApiError | null>(null);
  const now = options.now ?? (() => performance.now());
  let controller: AbortController | null = null;
  let counter = 0;

  async function send(text: string): Promise<void> {
    const question = text.trim();
    if (!question || sending.value) return;
    error.value = null;
    sending.value = true;
    messages.value.push({ key: `m${++counter}`, role: 'user', text: question, citations: [], streaming: false });
    messages.value.push({ key: `m${++counter}`, role: 'assistant', text: '', citations: [], streaming: true });
    const reply = messages.value[messages.value.length - 1]!;
    const started = now();
    controller = new AbortController();
    try {
      await streamChat(botId(), { text: question, conversationId: conversationId.value, clientMessageId: crypto.randomUUID() }, {
        token: (piece) => {
          reply.firstTokenMs ??= Math.round(now() - started);
          reply.text += piece;
        },
        done: (stored: ChatReply) => {
          conversationId.value = stored.conversationId;
          Object.assign(reply, { text: stored.text, citations: stored.citations ?? [], id: stored.id, seq: Number(stored.seq), streaming: false });
          reply.totalMs = Math.round(now() - started);
        },
        failed: (why) => {
          reply.failed = why;
        },
      }, { signal: controller.signal, refresh: options.refresh });
    } catch (e) {
      if ((e as Error).name !== 'AbortError') {
        error.value = toApiError(e);
        messages.value.splice(messages.value.indexOf(reply), 1);
      }
    } finally {
      reply.streaming = false;
      sending.value = false;
      controller = null;
    }
  }

  function reset(): void {
    controller?.abort();
    messages.value = [];
    conversationId.value = null;
    error.value = null;
  }

  return { messages, conversationId, sending, error, send, reset };
}
