import { describe, expect, it } from 'vitest';
import { applyEvent, awaitingReply, createConversation, failOutgoing, ordered, queueOutgoing, resumePoint } from '../src/frame/conversation.js';

const question = { seq: 1, type: 'message', messageId: 'm1', role: 'user', text: 'Hello?' };
const token = (offset, text) => ({ seq: 2, type: 'token', messageId: 'm2', role: 'assistant', text, offset });
const done = { seq: 2, type: 'done', messageId: 'm2', role: 'assistant', text: 'Hello there, friend.', citations: [{ index: 1, sourceId: 's1', title: 'FAQ' }] };

describe('conversation state', () => {
  it('builds a reply from tokens placed by offset, ignoring repeats and overlaps', () => {
    const state = createConversation();
    applyEvent(state, question);
    applyEvent(state, token(0, 'Hello'));
    applyEvent(state, token(0, 'Hello'));
    applyEvent(state, token(5, ' there'));
    applyEvent(state, token(0, 'Hello the'));
    expect(state.messages.get(2).text).toBe('Hello there');
    expect(state.messages.get(2).complete).toBe(false);
  });

  it('holds a piece that arrives before the text in front of it', () => {
    const state = createConversation();
    applyEvent(state, token(5, ' there'));
    expect(state.messages.get(2).text).toBe('');
    applyEvent(state, token(0, 'Hello'));
    expect(state.messages.get(2).text).toBe('Hello there');
  });

  it('a resume after a drop (partial snapshot at offset 0, then live tokens) loses and repeats nothing', () => {
    const state = createConversation();
    applyEvent(state, question);
    applyEvent(state, token(0, 'Hel'));
    // Reconnected: the server sends the reply so far, then the tokens after it.
    applyEvent(state, token(0, 'Hello th'));
    applyEvent(state, token(8, 'ere'));
    applyEvent(state, token(5, ' th'));
    expect(state.messages.get(2).text).toBe('Hello there');
  });

  it('done replaces the streamed text; late tokens after done change nothing', () => {
    const state = createConversation();
    applyEvent(state, question);
    applyEvent(state, token(0, 'Hello'));
    expect(applyEvent(state, done).text).toBe('Hello there, friend.');
    expect(applyEvent(state, token(5, ' more'))).toBeNull();
    expect(applyEvent(state, done)).toBeNull();
    expect(state.messages.get(2).citations).toHaveLength(1);
  });

  it('the resume point is the last seq up to which every message is whole', () => {
    const state = createConversation();
    expect(resumePoint(state)).toBe(0);
    applyEvent(state, question);
    applyEvent(state, token(0, 'Hel'));
    expect(resumePoint(state)).toBe(1);
    applyEvent(state, done);
    expect(resumePoint(state)).toBe(2);
    applyEvent(state, { seq: 4, type: 'message', messageId: 'm4', role: 'user', text: 'late' });
    expect(resumePoint(state)).toBe(2);
  });

  it('an error marks the reply failed but never overrides a finished one', () => {
    const state = createConversation();
    applyEvent(state, question);
    applyEvent(state, token(0, 'Hel'));
    const failed = applyEvent(state, { seq: 2, type: 'error', messageId: 'm2', role: 'assistant', text: 'model down' });
    expect(failed.status).toBe('error');
    expect(failed.text).toBe('Hel');
    applyEvent(state, done);
    expect(applyEvent(state, { seq: 2, type: 'error', messageId: 'm2', text: 'late' })).toBeNull();
    expect(state.messages.get(2).status).toBe('complete');
  });

  it('a stored question settles its pending copy; a failed one stays for retry', () => {
    const state = createConversation();
    queueOutgoing(state, 'c1', 'Hello?');
    queueOutgoing(state, 'c2', 'Second');
    expect(awaitingReply(state)).toBe(true);
    applyEvent(state, question);
    expect(state.outbox.map((o) => o.clientMessageId)).toEqual(['c2']);
    failOutgoing(state, 'c2', 'refused');
    expect(state.outbox[0].status).toBe('failed');
    applyEvent(state, done);
    expect(awaitingReply(state)).toBe(false);
    expect(ordered(state).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('ignores malformed events', () => {
    const state = createConversation();
    expect(applyEvent(state, null)).toBeNull();
    expect(applyEvent(state, { type: 'token', text: 'x' })).toBeNull();
    expect(applyEvent(state, { seq: 1, type: 'surprise' })).toBeNull();
  });
});
