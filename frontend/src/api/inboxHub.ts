import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type ISubscription } from '@microsoft/signalr';
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
  agentName?: string | null;
  agentAvatarUrl?: string | null;
  available?: boolean | null;
  conversationStatus?: string | null;
  viewers?: Person[] | null;
  turn?: number;
}

/** What changed in an `inboxUpdated` event (lower-case on the wire). */
export type InboxChange = 'started' | 'message' | 'mode' | 'status' | 'assignee' | string;

/** An `inboxUpdated` event: what changed, the conversation as it is now, the new message (message changes), and why a
 * person was asked for (mode changes to waiting: visitor, fallback, thumbsDown, keyword). */
export interface InboxEvent {
  change: InboxChange;
  conversation: LiveConversation;
  message?: unknown;
  reason?: string | null;
}

/** The hub's method and event names for the inbox (the back end's DashboardHub.Live). */
export const INBOX_HUB = {
  watchInbox: 'WatchInbox',
  unwatchInbox: 'UnwatchInbox',
  watchConversation: 'WatchConversation',
  typing: 'Typing',
  inboxUpdated: 'inboxUpdated',
} as const;

export interface InboxHandlers {
  /** A conversation of the workspace changed (new, new message, mode, status, assignee). */
  onInbox(event: InboxEvent): void;
  /** An event of the watched conversation (token by token, whole messages, mode changes). */
  onEvent(conversationId: string, event: StreamEvent): void;
  /** Someone types in the watched conversation (the visitor: role `user`; an agent: role `agent` with `agentName`). */
  onTyping(conversationId: string, event: StreamEvent): void;
  /** The agents viewing the watched conversation now. */
  onPresence(conversationId: string, viewers: Person[]): void;
  /** After a reconnect: reload what may have been missed. */
  onResync(): void;
  onStatus?(status: HubStatus): void;
}

/**
 * The inbox's live channel over /hubs/dashboard: the workspace's conversations (`WatchInbox`, `inboxUpdated` events) and
 * the open one as a stream (`WatchConversation(conversationId, afterSeq)`: the events after `afterSeq`, then live ones
 * token by token, with typing, presence and mode). After a reconnect both are renewed (the stream from `afterSeq()`,
 * what the screen already has) and `onResync` runs. Everything is pushed; nothing is polled.
 */
export function createInboxHub(handlers: InboxHandlers, build?: () => HubConnection) {
  const connection = build?.() ?? new HubConnectionBuilder()
    .withUrl(apiUrl('/hubs/dashboard'), { accessTokenFactory: () => tokens.get() ?? '' })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(LogLevel.None)
    .build();
  let workspaceId: string | null = null;
  let watched: { id: string; afterSeq: () => number } | null = null;
  let subscription: ISubscription<StreamEvent> | null = null;
  let starting: Promise<void> | null = null;
  let stopped = false;
  const status = (s: HubStatus) => handlers.onStatus?.(s);

  connection.on(INBOX_HUB.inboxUpdated, (e: InboxEvent) => handlers.onInbox(e));
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

  function follow(): void {
    subscription?.dispose();
    subscription = null;
    const current = watched;
    if (!current || connection.state !== HubConnectionState.Connected) return;
    const stream = connection.stream<StreamEvent>(INBOX_HUB.watchConversation, current.id, Math.max(0, current.afterSeq()));
    const mine: ISubscription<StreamEvent> = stream.subscribe({
      next: (e) => {
        if (e.type === 'typing') handlers.onTyping(current.id, e);
        else if (e.type === 'presence') handlers.onPresence(current.id, (e.viewers as Person[] | undefined) ?? []);
        else handlers.onEvent(current.id, e);
      },
      complete: () => undefined,
      // The server ends a stream when access is gone; a live connection with the same conversation open follows again.
      error: () => {
        if (subscription === mine && watched === current && connection.state === HubConnectionState.Connected) {
          setTimeout(() => subscription === mine && follow(), 2000);
        }
      },
    });
    subscription = mine;
  }

  async function renew(): Promise<void> {
    if (workspaceId) await connection.invoke(INBOX_HUB.watchInbox, workspaceId).catch(() => undefined);
    follow();
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
    /** Follows one conversation from `afterSeq()` on (and stops following the one before); null follows none. */
    async watchConversation(id: string | null, afterSeq: () => number = () => 0): Promise<void> {
      watched = id ? { id, afterSeq } : null;
      if (!id) {
        subscription?.dispose();
        subscription = null;
        return;
      }
      await ensureStarted();
      follow();
    },
    /** Tells the visitor (and the other agents) this agent is typing; the caller throttles. */
    typing(id: string): Promise<void> {
      return connection.state === HubConnectionState.Connected ? connection.invoke(INBOX_HUB.typing, id).catch(() => undefined) : Promise.resolve();
    },
    async stop(): Promise<void> {
      stopped = true;
      workspaceId = null;
      watched = null;
      subscription?.dispose();
      subscription = null;
      await connection.stop();
    },
  };
}

export type InboxHub = ReturnType<typeof createInboxHub>;
