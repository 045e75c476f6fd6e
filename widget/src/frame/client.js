// The frame's connection to the hub (/hubs/chat): opens or continues the visitor's conversation, keeps one
// Resume stream open for everything the conversation says (this tab's replies, other tabs', a dashboard
// agent's), reconnects with back-off, and resumes after the last whole message so nothing is lost or repeated.
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

const RETRY_DELAYS = [0, 500, 1000, 2000, 4000, 8000];

export function createChatClient({ apiOrigin, botId, hostOrigin, pageUrl, store, resumeAfter, onEvent, onStatus, onConversation }) {
  // The host page's origin is what the server checks against the bot's allowed domains; its address is kept
  // with a new conversation.
  const page = pageUrl ? `&page=${encodeURIComponent(pageUrl.slice(0, 2048))}` : '';
  const url = `${apiOrigin}/hubs/chat?host=${encodeURIComponent(hostOrigin)}${page}`;
  const connection = new HubConnectionBuilder()
    .withUrl(url)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => RETRY_DELAYS[Math.min(ctx.previousRetryCount, RETRY_DELAYS.length - 1)] })
    .configureLogging(LogLevel.None)
    .build();

  let conversationId = null;
  let resume = null;
  let stopped = false;
  let opening = null;

  connection.onreconnecting(() => onStatus('reconnecting'));
  connection.onreconnected(() => open(false).catch(() => {}));
  connection.onclose(() => {
    if (!stopped) {
      onStatus('reconnecting');
      setTimeout(connect, 2000);
    }
  });

  async function connect() {
    if (stopped || connection.state !== HubConnectionState.Disconnected) {
      return;
    }

    try {
      await connection.start();
    } catch (error) {
      onStatus('reconnecting', error);
      setTimeout(connect, 2000);
      return;
    }

    // A refusal (say, a site the bot does not allow) is reported by open() and not retried.
    await open(false).catch(() => {});
  }

  // The last open asked for wins: a reopen that another tab's older token set off must not finish after, and undo,
  // this tab's "new conversation".
  let latest = 0;
  let freshOpen = null;
  function open(fresh) {
    const mine = ++latest;
    opening = (async () => {
      try {
        const token = store.get('visitorToken');
        const started = await connection.invoke(fresh ? 'NewConversation' : 'StartConversation', botId, token || null);
        if (mine !== latest) {
          return;
        }

        store.set('visitorToken', started.visitorToken);
        const changed = started.conversationId !== conversationId;
        conversationId = started.conversationId;
        onConversation(started, changed);
        follow();
        onStatus('connected');
      } catch (error) {
        onStatus(connection.state === HubConnectionState.Connected ? 'refused' : 'reconnecting', error);
        throw error;
      }
    })();
    if (fresh) {
      freshOpen = opening.catch(() => {}).finally(() => {
        freshOpen = null;
      });
    }

    return opening;
  }

  function follow() {
    if (resume) {
      resume.dispose();
    }

    const stream = connection.stream('Resume', conversationId, resumeAfter());
    const subscription = stream.subscribe({
      next: onEvent,
      complete: () => {},
      error: () => {
        // A connection loss ends the stream; reconnecting opens a new one. A live connection resumes at once.
        if (resume === subscription && connection.state === HubConnectionState.Connected) {
          setTimeout(() => resume === subscription && follow(), 1000);
        }
      },
    });
    resume = subscription;
  }

  return {
    start: connect,
    get conversationId() {
      return conversationId;
    },
    get connected() {
      return connection.state === HubConnectionState.Connected && !!conversationId;
    },
    reset: () => open(true),
    /** Opens the conversation the saved visitor token names (another tab may have changed it). */
    reopen: () => (freshOpen || open(false)).catch(() => {}),
    /** Sends a question; resolves when its reply is done, rejects with { lost } when the connection dropped. */
    send(clientMessageId, text) {
      return new Promise((resolve, reject) => {
        if (!conversationId || connection.state !== HubConnectionState.Connected) {
          reject({ lost: true });
          return;
        }

        connection.stream('Send', conversationId, clientMessageId, text).subscribe({
          next: onEvent,
          complete: resolve,
          error: (error) => reject({ lost: connection.state !== HubConnectionState.Connected, error }),
        });
      });
    },
    feedback: (messageId, rating) => connection.invoke('Feedback', conversationId, messageId, rating),
    ratings: () => connection.invoke('Ratings', conversationId),
    identify: (user) => connection.invoke('Identify', conversationId, user.id, user.name || null, user.email || null, user.hash || ''),
    submitLead: (fields) => connection.invoke('SubmitLead', conversationId, fields),
    /** Asks for a person: resolves to { mode, available, offlineMessage } (the mode event follows on the Resume stream too). */
    requestHuman: () => connection.invoke('RequestHuman', conversationId),
    /** The visitor's email when nobody could answer: kept with the conversation. */
    leaveEmail: (email) => connection.invoke('LeaveEmail', conversationId, email),
    /** Tells the agent the visitor is typing (the caller throttles). */
    typing: () => (conversationId && connection.state === HubConnectionState.Connected ? connection.invoke('Typing', conversationId) : Promise.resolve()),
    stop() {
      stopped = true;
      return connection.stop();
    },
  };
}

/**
 * The visitor's saved state for one bot (visitor token, open, lead form done). Browsers that block storage in
 * third-party frames would forget it, so the host page keeps it: the loader hands it over in init and saves
 * every change the frame reports (first-party storage of the host site, shared by its tabs). The frame's own
 * storage is used too where the browser allows it (standalone, or the API's own pages).
 */
export function createStore(botId, win, onChange) {
  const key = `chatsphere.v1.${botId}`;
  let own = null;
  try {
    own = win.localStorage;
  } catch {
    own = null;
  }

  let saved = {};
  try {
    saved = JSON.parse((own && own.getItem(key)) || '{}') || {};
  } catch {
    saved = {};
  }

  return {
    key,
    /** State handed over by the host page wins over the frame's own copy. */
    load(fromHost) {
      if (fromHost && typeof fromHost === 'object') {
        saved = Object.assign({}, saved, fromHost);
      }
    },
    get: (name) => saved[name],
    set(name, value) {
      if (saved[name] === value) {
        return;
      }

      saved = Object.assign({}, saved, { [name]: value });
      try {
        if (own) {
          own.setItem(key, JSON.stringify(saved));
        }
      } catch {
        // Storage may be full or blocked; the host page keeps a copy.
      }

      onChange(saved);
    },
  };
}
