import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { apiUrl } from './http';
import { tokens } from './tokens';
import type { KnowledgeSource } from './types';

/** A `sourceUpdated` event: the source as it now stands, or gone when `deleted`. */
export interface SourceUpdate {
  source: KnowledgeSource;
  deleted: boolean;
}

export type HubStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export interface DashboardHubOptions {
  /** Builds the connection (tests pass a fake); the default connects to /hubs/dashboard with the access token. */
  build?: () => HubConnection;
  onStatus?: (status: HubStatus) => void;
}

/**
 * The dashboard's live channel (/hubs/dashboard): one connection for the page, reconnecting by itself. `watchSources`
 * subscribes to a bot's source updates; after a reconnect every watch is renewed and `onResync` is called, so a
 * screen reloads what it may have missed while the connection was down. No polling.
 */
export function createDashboardHub(options: DashboardHubOptions = {}) {
  const connection = options.build?.() ?? new HubConnectionBuilder()
    .withUrl(apiUrl('/hubs/dashboard'), { accessTokenFactory: () => tokens.get() ?? '' })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(LogLevel.None)
    .build();
  const watched = new Map<string, { onUpdate: (u: SourceUpdate) => void; onResync: () => void }>();
  let starting: Promise<void> | null = null;
  const status = (s: HubStatus) => options.onStatus?.(s);

  connection.on('sourceUpdated', (update: SourceUpdate) => watched.get(update.source.botId)?.onUpdate(update));
  connection.onreconnecting(() => status('reconnecting'));
  connection.onreconnected(async () => {
    status('connected');
    for (const [botId, watch] of watched) {
      await connection.invoke('WatchSources', botId).catch(() => undefined);
      watch.onResync();
    }
  });
  connection.onclose(() => {
    status('disconnected');
    starting = null;
    // Gave up reconnecting (or the server closed): try again shortly while anything is watched.
    if (watched.size > 0) setTimeout(() => void ensureStarted().then(() => watched.forEach((w, botId) => {
      void connection.invoke('WatchSources', botId).then(w.onResync, () => undefined);
    })).catch(() => undefined), 5000);
  });

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
    async watchSources(botId: string, onUpdate: (u: SourceUpdate) => void, onResync: () => void): Promise<void> {
      watched.set(botId, { onUpdate, onResync });
      await ensureStarted();
      await connection.invoke('WatchSources', botId);
    },
    async unwatchSources(botId: string): Promise<void> {
      watched.delete(botId);
      if (connection.state === HubConnectionState.Connected) {
        await connection.invoke('UnwatchSources', botId).catch(() => undefined);
      }
      if (watched.size === 0) await connection.stop();
    },
  };
}

export type DashboardHub = ReturnType<typeof createDashboardHub>;
