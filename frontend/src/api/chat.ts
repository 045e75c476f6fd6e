import { apiUrl } from './http';
import { ApiError, type ProblemDetails } from './errors';
import { CLIENT_HEADER, CLIENT_NAME, tokens } from './tokens';
import type { ChatReply } from './types';

/** One Server-Sent Event: its name and its parsed JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Reads Server-Sent Events out of text chunks as they arrive: `push(chunk)` returns the events completed by it (an
 * event ends at a blank line; `data:` lines join with newlines; comments and unknown fields are skipped).
 */
export function createSseParser() {
  let buffer = '';
  return {
    push(chunk: string): SseEvent[] {
      buffer += chunk.replace(/\r\n?/g, '\n');
      const events: SseEvent[] = [];
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0) {
          const text = data.join('\n');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: kept as text.
          }
          events.push({ event: name, data: parsed });
        }
      }
      return events;
    },
  };
}

export interface StreamHandlers {
  /** A piece of the reply. */
  token(text: string): void;
  /** The stored reply with its citations. */
  done(reply: ChatReply): void;
  /** The reply failed after it started (the text says why). */
  failed(text: string): void;
}

/**
 * Sends a message to a bot and streams the reply (POST /api/v1/chat/{botId}/messages, stream: true) with fetch and a
 * stream reader. A refusal before the stream starts rejects with an ApiError (ProblemDetails); a 401 asks
 * `refresh` once for a new access token and retries.
 */
export async function streamChat(
  botId: string, body: { text: string; conversationId?: string | null; clientMessageId?: string }, handlers: StreamHandlers,
  options: { signal?: AbortSignal; refresh?: () => Promise<boolean> } = {},
): Promise<void> {
  const send = () => fetch(apiUrl(`/api/v1/chat/${encodeURIComponent(botId)}/messages`), {
    method: 'POST',
    credentials: 'include',
    signal: options.signal,
    headers: {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      [CLIENT_HEADER]: CLIENT_NAME,
      ...(tokens.get() ? { Authorization: `Bearer ${tokens.get()}` } : {}),
    },
    body: JSON.stringify({ ...body, stream: true }),
  });
  let response = await send();
  if (response.status === 401 && options.refresh && await options.refresh()) {
    response = await send();
  }
  if (!response.ok || !response.body) {
    let problem: ProblemDetails | undefined;
    try {
      problem = await response.json() as ProblemDetails;
    } catch {
      problem = undefined;
    }
    throw new ApiError(response.status, problem, response.statusText || 'The message was not sent.');
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = createSseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const e of parser.push(value)) {
      const data = e.data as Record<string, unknown>;
      if (e.event === 'token') handlers.token(String(data.text ?? ''));
      else if (e.event === 'done') handlers.done(data as unknown as ChatReply);
      else if (e.event === 'error') handlers.failed(String(data.text ?? ''));
    }
  }
}
