// The conversation as the widget shows it, built from the hub's events. Events can arrive twice (a send's own
// stream and the live resume stream, or a replay after reconnecting) and token pieces out of order: whole
// messages are kept once per seq and reply text is placed by offset, so nothing is lost or repeated.

export function createConversation() {
  return { messages: new Map(), held: new Map(), outbox: [] };
}

/** Applies one hub event; returns the message it changed, or null when it changed nothing. */
export function applyEvent(state, e) {
  if (!e || typeof e.seq !== 'number' || e.seq < 1) {
    return null;
  }

  const existing = state.messages.get(e.seq);
  switch (e.type) {
    case 'message':
    case 'done': {
      if (existing && existing.complete && existing.text === e.text && existing.status === (e.status || 'complete')) {
        return null;
      }

      const whole = {
        seq: e.seq,
        id: e.messageId,
        role: e.role,
        text: e.text || '',
        citations: e.citations || [],
        status: e.status || 'complete',
        complete: true,
        feedback: existing ? existing.feedback : null,
        // An agent's message names its author ({ id, name }); the bot's and the visitor's have none.
        author: e.author || null,
      };
      state.messages.set(e.seq, whole);
      state.held.delete(e.seq);
      if (e.role === 'user') {
        settleOutbox(state, whole.text);
      }

      return whole;
    }

    case 'token': {
      if (existing && existing.complete) {
        return null;
      }

      const message = existing || { seq: e.seq, id: e.messageId, role: e.role || 'assistant', text: '', citations: [], status: 'streaming', complete: false, feedback: null };
      state.messages.set(e.seq, message);
      const changed = placeToken(state, message, e);
      return changed || !existing ? message : null;
    }

    case 'error': {
      if (existing && existing.complete) {
        return null;
      }

      const failed = Object.assign({ seq: e.seq, id: e.messageId, role: 'assistant', text: '', citations: [], feedback: null }, existing, {
        status: 'error',
        error: e.text || '',
        complete: false,
      });
      state.messages.set(e.seq, failed);
      return failed;
    }

    default:
      return null;
  }
}

function placeToken(state, message, e) {
  const offset = typeof e.offset === 'number' ? e.offset : message.text.length;
  if (offset > message.text.length) {
    // A gap: keep the piece until the text before it arrives.
    const held = state.held.get(e.seq) || [];
    held.push({ offset, text: e.text || '' });
    state.held.set(e.seq, held);
    return false;
  }

  let changed = extend(message, offset, e.text || '');
  const held = state.held.get(e.seq);
  while (held && held.length > 0) {
    held.sort((a, b) => a.offset - b.offset);
    if (held[0].offset > message.text.length) {
      break;
    }

    const piece = held.shift();
    changed = extend(message, piece.offset, piece.text) || changed;
  }

  return changed;
}

function extend(message, offset, text) {
  if (offset + text.length <= message.text.length) {
    return false;
  }

  message.text = message.text.slice(0, offset) + text;
  return true;
}

/** The seq up to which every message is whole: what Resume continues after. */
export function resumePoint(state) {
  let seq = 0;
  while (state.messages.has(seq + 1) && state.messages.get(seq + 1).complete) {
    seq += 1;
  }

  return seq;
}

/** Messages in seq order. */
export function ordered(state) {
  return Array.from(state.messages.values()).sort((a, b) => a.seq - b.seq);
}

/** A message the visitor sent that the server has not acknowledged yet. */
export function queueOutgoing(state, clientMessageId, text) {
  const entry = { clientMessageId, text, status: 'sending' };
  state.outbox.push(entry);
  return entry;
}

/** The server stored a question with this text: its pending copy is no longer needed. */
function settleOutbox(state, text) {
  const index = state.outbox.findIndex((o) => o.text.trim() === text.trim() && o.status !== 'failed');
  if (index >= 0) {
    state.outbox.splice(index, 1);
  }
}

export function failOutgoing(state, clientMessageId, error) {
  const entry = state.outbox.find((o) => o.clientMessageId === clientMessageId);
  if (entry) {
    entry.status = 'failed';
    entry.error = error;
  }

  return entry || null;
}

/** Whether an assistant reply is being written (the typing indicator shows while nothing of it arrived yet). */
export function awaitingReply(state) {
  const all = ordered(state);
  const last = all[all.length - 1];
  if (state.outbox.some((o) => o.status === 'sending')) {
    return true;
  }

  return !!last && last.role === 'user';
}
