// Live operations as the visitor sees them, without the DOM: who answers (the bot, nobody yet, or a person), whether a
// person can be reached at all, whether the person is typing, the bot's live settings in its public config, and a
// throttle for the visitor's own typing signal. The live view draws from this state; app.js feeds it the hub's events.

/** Who answers now: mode `bot`, `waiting` (a person was asked for) or `human` (an agent holds the conversation). */
export function createLive() {
  return { mode: 'bot', agentName: '', avatar: '', available: true, offlineMessage: '', agentTyping: false, wasHuman: false };
}

const MODES = ['bot', 'waiting', 'human'];

/**
 * Applies a `mode` event ({ mode, agentName?, agentAvatarUrl?, available?, text? }: when nobody is available `text` is
 * the bot's offline message) or a `typing` event ({ role }) to the live state. Returns true when anything the visitor sees changed. Other events (and a visitor's own typing) change nothing.
 */
export function applyLiveEvent(live, e) {
  if (!e) {
    return false;
  }

  if (e.type === 'mode' && MODES.includes(e.mode)) {
    const before = JSON.stringify(live);
    if (live.mode === 'human' && e.mode !== 'human') {
      live.wasHuman = true;
    }

    live.mode = e.mode;
    live.agentName = e.mode === 'human' ? String(e.agentName || live.agentName || '') : '';
    live.avatar = e.mode === 'human' ? String(e.agentAvatarUrl || e.avatar || '') : '';
    live.available = e.available !== false;
    live.offlineMessage = e.available === false && typeof e.text === 'string' ? e.text : '';
    live.agentTyping = false;
    return JSON.stringify(live) !== before;
  }

  if (e.type === 'typing' && e.role === 'agent') {
    const changed = !live.agentTyping;
    live.agentTyping = true;
    return changed;
  }

  return false;
}

/** An agent's message arrived (or the typing signal timed out): the typing indicator stops. */
export function stopAgentTyping(live) {
  const changed = live.agentTyping;
  live.agentTyping = false;
  return changed;
}

/**
 * The bot's live settings in its public widget config (`liveChat`): whether the visitor may ask for a person
 * (`talkToHumanEnabled`) and the message shown when nobody can answer (`offlineMessage`); absent means off.
 */
export function liveSettingsOf(config) {
  const live = (config && config.liveChat) || {};
  return {
    talkToHuman: live.talkToHumanEnabled === true,
    offlineMessage: typeof live.offlineMessage === 'string' ? live.offlineMessage : '',
  };
}

/** Whether the visitor's typing is worth sending: only while a person is asked for or holds the conversation. */
export function sendsTyping(live) {
  return live.mode === 'waiting' || live.mode === 'human';
}

/**
 * At most one call of `fn` per `intervalMs` (the first call goes at once, later ones inside the interval are dropped):
 * the visitor's keystrokes become one typing signal every few seconds. `now` is the clock (tests pass their own).
 */
export function throttle(fn, intervalMs, now = () => Date.now()) {
  let last = -Infinity;
  return (...args) => {
    const at = now();
    if (at - last < intervalMs) {
      return false;
    }

    last = at;
    fn(...args);
    return true;
  };
}
