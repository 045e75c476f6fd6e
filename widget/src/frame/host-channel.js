// The host channel: the frame's side of the prefixed postMessage protocol with its host page. The first init from the
// parent window names the host page's origin; from then on only that window and origin are heard, and every post
// names that exact origin as its target. Opened on its own (a preview, not in an iframe), the frame is its own host.
import { Msg, accept, message } from '../shared/protocol.js';

/**
 * Listens on `win` for the host page's messages and hands them to the handlers:
 * onInit(msg) once, onCommand(name, args), onSaved(saved), onViewport(mobile).
 */
export function createHostChannel(win, apiOrigin, handlers) {
  const embedded = win.parent !== win;
  let hostOrigin = embedded ? null : apiOrigin;
  // A frame opened on its own starts at once (see app.js): an init can never start it a second time.
  let booted = !embedded;

  function post(type, payload) {
    if (embedded && hostOrigin) {
      win.parent.postMessage(message(type, payload), hostOrigin);
    }
  }

  /** A widget event for the host page's listeners (`ChatSphere('on', name, fn)`). */
  function emit(name, detail) {
    post(Msg.Event, { name, detail: detail || {} });
  }

  win.addEventListener('message', (event) => {
    if (!hostOrigin && event.source === win.parent && event.data && event.data.type === Msg.Init) {
      // The first init names the host page: from now on only it may talk to this frame.
      hostOrigin = event.origin;
    }

    const msg = accept(event, win.parent, hostOrigin);
    if (!msg) {
      return;
    }

    if (msg.type === Msg.Init && !booted) {
      booted = true;
      handlers.onInit(msg);
    } else if (msg.type === Msg.Command) {
      handlers.onCommand(msg.name, msg.args || []);
    } else if (msg.type === Msg.Saved) {
      handlers.onSaved(msg.saved);
    } else if (msg.type === Msg.Viewport) {
      handlers.onViewport(!!msg.mobile);
    }
  });

  return {
    embedded,
    post,
    emit,
    /** The host page's origin once known (null until the first init in an iframe). */
    get hostOrigin() {
      return hostOrigin;
    },
  };
}
