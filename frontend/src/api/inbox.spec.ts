import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from './http';
import { filterParams, inboxApi } from './inbox';
import { cannedResponsesApi } from './cannedResponses';
import { createInboxHub, INBOX_HUB } from './inboxHub';
import type { HubConnection } from '@microsoft/signalr';

const ok = (data: unknown, status = 200) => Promise.resolve({ data, status } as never);

afterEach(() => vi.restoreAllMocks());

describe('inbox API clients', () => {
  it('sends only the filters that are set, search text trimmed', () => {
    expect(filterParams({ mode: 'waiting', status: null, botId: '', assigneeId: undefined, rating: 'down', unanswered: true, q: '  refund  ' }))
      .toEqual({ mode: 'waiting', rating: 'down', unanswered: 'true', q: 'refund' });
    expect(filterParams({ unanswered: false, q: '   ' })).toEqual({});
  });

  it('address the workspace list and each conversation action, escaping ids', async () => {
    const get = vi.spyOn(http, 'get').mockReturnValue(ok({ items: [], nextCursor: null }));
    const post = vi.spyOn(http, 'post').mockReturnValue(ok({ id: 'c/1' }));
    const put = vi.spyOn(http, 'put').mockReturnValue(ok({ id: 'c/1' }));

    await inboxApi.list('w 1', { mode: 'human', q: 'x' }, 'n1');
    expect(get).toHaveBeenLastCalledWith('/api/v1/workspaces/w%201/conversations', { params: { mode: 'human', q: 'x', limit: 25, cursor: 'n1' } });
    await inboxApi.takeover('c/1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c%2F1/takeover');
    await inboxApi.handback('c1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c1/handback');
    await inboxApi.close('c1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c1/close');
    await inboxApi.reopen('c1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c1/reopen');
    await inboxApi.assign('c1', 'usr_2');
    expect(put).toHaveBeenLastCalledWith('/api/v1/conversations/c1/assignee', { userId: 'usr_2' });
    await inboxApi.send('c1', 'Hello', 'cm-1');
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c1/messages', { text: 'Hello', clientMessageId: 'cm-1', private: false });
    await inboxApi.send('c1', 'Note', 'cm-2', true);
    expect(post).toHaveBeenLastCalledWith('/api/v1/conversations/c1/messages', { text: 'Note', clientMessageId: 'cm-2', private: true });
  });

  it('canned responses live under the workspace; a page or a plain list both read as a list', async () => {
    const get = vi.spyOn(http, 'get').mockReturnValueOnce(ok({ items: [{ id: 'r1' }], nextCursor: null })).mockReturnValueOnce(ok([{ id: 'r2' }]));
    const post = vi.spyOn(http, 'post').mockReturnValue(ok({ id: 'r3' }));
    const patch = vi.spyOn(http, 'patch').mockReturnValue(ok({ id: 'r3' }));
    const del = vi.spyOn(http, 'delete').mockReturnValue(ok(undefined, 204));
    expect(await cannedResponsesApi.list('w1')).toEqual([{ id: 'r1' }]);
    expect(get).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/canned-responses', { params: { limit: 100 } });
    expect(await cannedResponsesApi.list('w1')).toEqual([{ id: 'r2' }]);
    await cannedResponsesApi.create('w1', { shortcut: 'hi', title: 'Hello', text: 'Hello {{visitor.name}}' });
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/canned-responses', { shortcut: 'hi', title: 'Hello', text: 'Hello {{visitor.name}}' });
    await cannedResponsesApi.update('w1', 'r 3', { shortcut: 'hey', title: 'Hey', text: 'Hey' });
    expect(patch).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/canned-responses/r%203', { shortcut: 'hey', title: 'Hey', text: 'Hey' });
    await cannedResponsesApi.remove('w1', 'r3');
    expect(del).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/canned-responses/r3');
    post.mockReturnValue(ok({ text: 'Hello Grace' }));
    expect(await cannedResponsesApi.render('w1', 'r1', 'c1')).toBe('Hello Grace');
    expect(post).toHaveBeenLastCalledWith('/api/v1/workspaces/w1/canned-responses/r1/render', { conversationId: 'c1' });
  });
});

/** A stand-in for a SignalR connection: records invocations and streams, and lets the test push events. */
function fakeConnection() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const streams: { args: unknown[]; next: (e: unknown) => void; disposed: boolean }[] = [];
  let reconnected: () => Promise<void> = async () => {};
  const connection = {
    state: 'Disconnected',
    invoke: vi.fn(async () => undefined),
    stream: (...args: unknown[]) => ({
      subscribe: (observer: { next: (e: unknown) => void }) => {
        const entry = { args, next: observer.next, disposed: false };
        streams.push(entry);
        return { dispose: () => (entry.disposed = true) };
      },
    }),
    start: vi.fn(async () => {
      connection.state = 'Connected';
    }),
    stop: vi.fn(async () => {
      connection.state = 'Disconnected';
    }),
    on: (name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler),
    onreconnecting: () => undefined,
    onreconnected: (handler: () => Promise<void>) => {
      reconnected = handler;
    },
    onclose: () => undefined,
  };
  return { connection, streams, push: (name: string, ...args: unknown[]) => handlers.get(name)?.(...args), reconnect: () => reconnected() };
}

describe('inbox hub', () => {
  it('watches the inbox and streams one conversation at a time after what the screen has, sorting its events', async () => {
    const fake = fakeConnection();
    const seen: unknown[] = [];
    const hub = createInboxHub({
      onInbox: (e) => seen.push(['inbox', e.change, e.conversation.id]),
      onEvent: (id, e) => seen.push(['event', id, e.type]),
      onTyping: (id, e) => seen.push(['typing', id, e.role]),
      onPresence: (id, viewers) => seen.push(['presence', id, viewers.map((v) => v.name)]),
      onResync: () => seen.push(['resync']),
    }, () => fake.connection as unknown as HubConnection);

    await hub.watchInbox('w1');
    expect(fake.connection.invoke.mock.calls).toEqual([[INBOX_HUB.watchInbox, 'w1']]);
    let shown = 4;
    await hub.watchConversation('c1', () => shown);
    await hub.watchConversation('c2', () => shown);
    expect(fake.streams.map((s) => [s.args, s.disposed])).toEqual([
      [[INBOX_HUB.watchConversation, 'c1', 4], true],
      [[INBOX_HUB.watchConversation, 'c2', 4], false],
    ]);

    fake.push(INBOX_HUB.inboxUpdated, { change: 'mode', conversation: { id: 'c9' }, reason: 'visitor' });
    const stream = fake.streams[1]!;
    stream.next({ type: 'token', seq: 5, text: 'Hi' });
    stream.next({ type: 'typing', role: 'user' });
    stream.next({ type: 'presence', viewers: [{ id: 'u1', name: 'Ada' }] });
    stream.next({ type: 'mode', mode: 'human' });
    await hub.typing('c2');
    expect(fake.connection.invoke).toHaveBeenLastCalledWith(INBOX_HUB.typing, 'c2');

    fake.connection.invoke.mockClear();
    shown = 7;
    await fake.reconnect();
    expect(fake.connection.invoke.mock.calls).toEqual([[INBOX_HUB.watchInbox, 'w1']]);
    expect(fake.streams[2]?.args).toEqual([INBOX_HUB.watchConversation, 'c2', 7]);
    expect(stream.disposed).toBe(true);
    expect(seen).toEqual([
      ['inbox', 'mode', 'c9'], ['event', 'c2', 'token'], ['typing', 'c2', 'user'], ['presence', 'c2', ['Ada']], ['event', 'c2', 'mode'], ['resync'],
    ]);
    await hub.watchConversation(null);
    expect(fake.streams[2]?.disposed).toBe(true);
    await hub.stop();
    expect(fake.connection.stop).toHaveBeenCalled();
  });
});
