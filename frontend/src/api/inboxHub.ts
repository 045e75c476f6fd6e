import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { apiUrl } from './http';
import { tokens } from './tokens';
import type { HubStatus } from './dashboardHub';
import type { LiveConversation, Person } from './inbox';

/** One event of a conversation's stream, as the widget sees it too: whole messages, reply tokens (placed by
 * `offset`), mode changes and typing. */
export interface StreamEvent {
  seq?: number;
  type: string;
  messageId?: string;
  role?: string;
  text?: string;
  offset?: number;
  status?: string;
  createdAt?: string;
  author?: Person | null;
  private?: boolean;
  citations?: unknown[];
  mode?: string;
  agentName?: string;
}

/** The hub's method and event names for the inbox (the back end's DashboardHub). */
export const INBOX_HUB = {
  watchInbox: 'WatchInbox',
  unwatchInbox: 'UnwatchInbox',
  watchConversation: 'WatchConversation',
  unwatchConversation: 'UnwatchConversation',
  typing: 'Typing',
  conversationUpdated: 'conversationUpdated',
  conversationEvent: 'conversationEvent',
  typingEvent: 'typing',
  presence: 'presence',
} as const;

export interface InboxHandlers {
  /** A conversation of the workspace changed (new, new message, mode, status, assignee): its state as it now stands. */
  onConversation(conversation: LiveConversation): void;
  /** An event of a watched conversation (token by token). */
  onEvent(conversationId: string, event: StreamEvent): void;
  /** Someone types in a watched conversation (the visitor, or another agent). */
  onTyping(conversationId: string, who: { role: string; name?: string | null; userId?: string | null }): void;
  /** Who is viewing a watched conversation now. */
  onPresence(conversationId: string, viewers: Person[]): void;
  /** After a reconnect: reload what may have been missed. */
  onResync(): void;
  onStatus?(status: HubStatus): void;
}

/**
 * The inbox's live channel over /hubs/dashboard: the workspace's conversations (WatchInbox) and the open one token by
 * token, with typing and presence (WatchConversation). After a reconnect both watches are renewed and `onResync` runs.
 * Everything is pushed; nothing is polled.
 */
export function createInboxHub(handlers: InboxHandlers, build?: () => HubConnection) {
  const connection = build?.() ?? new HubConnectionBuilder()
    .withUrl(apiUrl('/hubs/dashboard'), { accessTokenFactory: () => tokens.get() ?? '' })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(LogLevel.None)
    .build();
  let workspaceId: string | null = null;
  let conversationId: string | null = null;
  let starting: Promise<void> | null = null;
  let stopped = false;
  const status = (s: HubStatus) => handlers.onStatus?.(s);

  connection.on(INBOX_HUB.conversationUpdated, (c: LiveConversation) => handlers.onConversation(c));
  connection.on(INBOX_HUB.conversationEvent, (id: string, e: StreamEvent) => handlers.onEvent(id, e));
  connection.on(INBOX_HUB.typingEvent, (id: string, who: { role: string; name?: string | null; userId?: string | null }) => handlers.onTyping(id, who));
  connection.on(INBOX_HUB.presence, (id: string, viewers: Person[]) => handlers.onPresence(id, viewers ?? []));
  connection.onreconnecting(() => status('reconnecting'));
  connection.onreconnected(async () => {
    status('connected');
    await renew();
    handlers.onResync();
  });
  connection.onclose(() => {
    status('disconnected');
    starting = null;
    if (!stopped && workspaceId) {
      setTimeout(() => void ensureStarted().then(renew).then(handlers.onResync).catch(() => undefined), 5000);
    }
  });

  async function renew(): Promise<void> {
    if (workspaceId) await connection.invoke(INBOX_HUB.watchInbox, workspaceId).catch(() => undefined);
    if (conversationId) await connection.invoke(INBOX_HUB.watchConversation, conversationId).catch(() => undefined);
  }

  function ensureStarted(): Promise<void> {
    if (connection.state === HubConnectionState.Connected) return Promise.resolve();
    if (!starting) {
      status('connecting');
      starting = connection.start().then(() => status('connected'), (e: unknown) => {
        starting = null;
        status('disconnected');
        throw e;
      });
    }
    return starting;
  }

  return {
    async watchInbox(id: string): Promise<void> {
      stopped = false;
      if (workspaceId && workspaceId !== id && connection.state === HubConnectionState.Connected) {
        await connection.invoke(INBOX_HUB.unwatchInbox, workspaceId).catch(() => undefined);
      }
      workspaceId = id;
      await ensureStarted();
      await connection.invoke(INBOX_HUB.watchInbox, id);
    },
    /** Follows one conversation (and stops following the one before). */
    async watchConversation(id: string | null): Promise<void> {
      const before = conversationId;
      conversationId = id;
      await ensureStarted();
      if (before && before !== id) await connection.invoke(INBOX_HUB.unwatchConversation, before).catch(() => undefined);
      if (id && id !== before) await connection.invoke(INBOX_HUB.watchConversation, id);
    },
    /** Tells the visitor (and the other agents) this agent is typing; the caller throttles. */
    typing(id: string): Promise<void> {
      return connection.state === HubConnectionState.Connected ? connection.invoke(INBOX_HUB.typing, id).catch(() => undefined) : Promise.resolve();
    },
    async stop(): Promise<void> {
      stopped = true;
      workspaceId = null;
      conversationId = null;
      await connection.stop();
    },
  };
}

export type InboxHub = ReturnType<typeof createInboxHub>;
