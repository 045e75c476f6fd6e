import { beforeEach, describe, expect, it, vi } from 'vitest';
import { streamChat, type StreamHandlers } from '@/api/chat';
import { ApiError } from '@/api/errors';
import type { ChatReply } from '@/api/types';
import { usePlaygroundChat } from './usePlaygroundChat';

vi.mock('@/api/chat', () => ({ streamChat: vi.fn() }));

beforeEach(() => vi.clearAllMocks());

describe('usePlaygroundChat', () => {
  it('streams a reply piece by piece, then keeps the stored text, citations and the conversation', async () => {
    const seen: string[] = [];
    let clock = 0;
    const chat = usePlaygroundChat(() => 'bot1', { now: () => clock });
    vi.mocked(streamChat).mockImplementation(async (_bot, body, handlers: StreamHandlers) => {
      expect(body).toMatchObject({ text: 'Hi?', conversationId: null });
      clock = 40;
      handlers.token('Hel');
      seen.push(chat.messages.value[1]!.text);
      handlers.token('lo [1]');
      seen.push(chat.messages.value[1]!.text);
      clock = 100;
      handlers.done({ conversationId: 'conv1', id: 'msg1', seq: 2, text: 'Hello [1]', citations: [{ index: 1, sourceId: 's1', title: 'FAQ', score: 0.8 }] } as unknown as ChatReply);
    });
    await chat.send(' Hi? ');
    expect(seen).toEqual(['Hel', 'Hello [1]']);
    expect(chat.messages.value.map((m) => [m.role, m.text, m.streaming])).toEqual([['user', 'Hi?', false], ['assistant', 'Hello [1]', false]]);
    expect(chat.messages.value[1]).toMatchObject({ firstTokenMs: 40, totalMs: 100, id: 'msg1', seq: 2 });
    expect(chat.messages.value[1]!.citations[0]!.sourceId).toBe('s1');
    expect(chat.conversationId.value).toBe('conv1');

    vi.mocked(streamChat).mockResolvedValue(undefined);
    await chat.send('Again');
    expect(vi.mocked(streamChat).mock.calls[1]![1]).toMatchObject({ conversationId: 'conv1' });
    chat.reset();
    expect(chat.messages.value).toEqual([]);
    expect(chat.conversationId.value).toBeNull();
  });

  it('keeps a refusal as an error and drops the empty reply', async () => {
    vi.mocked(streamChat).mockRejectedValue(new ApiError(429, { title: 'Too many messages' }, 'x'));
    const chat = usePlaygroundChat(() => 'bot1');
    await chat.send('Hi');
    expect(chat.error.value?.title).toBe('Too many messages');
    expect(chat.messages.value.map((m) => m.role)).toEqual(['user']);
    expect(chat.sending.value).toBe(false);
  });
});
