// Where the frame sits on the host page and how big it is: a launcher-sized box when closed, a panel-sized
// box when open, and the whole viewport when open on a narrow screen (below 640 px).

export const MOBILE_MAX_WIDTH = 640;
const CLOSED_SIZE = 88;
const PANEL_WIDTH = 416;
const PANEL_HEIGHT = 720;

/** The inline style of the frame for a layout reported by the chat UI. */
export function frameStyle(layout, viewportWidth) {
  const side = layout.position === 'left' ? 'left' : 'right';
  const other = side === 'left' ? 'right' : 'left';
  const x = clampOffset(layout.offsetX);
  const y = clampOffset(layout.offsetY);
  // Every property the host's stylesheets could set is pinned here (inline and !important wins over them).
  const base = {
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    transform: 'none',
    'pointer-events': 'auto',
    'min-width': '0',
    'min-height': '0',
    position: 'fixed',
    border: '0',
    margin: '0',
    padding: '0',
    'z-index': '2147483000',
    'color-scheme': 'normal',
    background: 'transparent',
    'max-width': '100vw',
    'max-height': '100vh',
    [other]: 'auto',
    top: 'auto',
  };

  if (layout.open && viewportWidth < MOBILE_MAX_WIDTH) {
    return Object.assign(base, { top: '0', left: '0', right: '0', bottom: '0', width: '100vw', height: '100dvh', 'max-height': 'none' });
  }

  const bottom = `calc(${y}px + env(safe-area-inset-bottom, 0px))`;
  const sideOffset = `calc(${x}px + env(safe-area-inset-${side}, 0px))`;
  if (layout.open) {
    return Object.assign(base, {
      bottom,
      [side]: sideOffset,
      width: `min(${PANEL_WIDTH}px, calc(100vw - ${x}px))`,
      height: `min(${PANEL_HEIGHT}px, calc(100dvh - ${y}px))`,
    });
  }

  return Object.assign(base, { bottom, [side]: sideOffset, width: `${CLOSED_SIZE}px`, height: `${CLOSED_SIZE}px` });
}

function clampOffset(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(Math.max(Math.round(n), 0), 200) : 0;
}

/** Writes a style object onto an element, replacing what was there. */
export function applyStyle(element, style) {
  element.removeAttribute('style');
  for (const [key, value] of Object.entries(style)) {
    element.style.setProperty(key, value, 'important');
  }
}
