// Tiny DOM helpers: elements are built with properties and text, never from HTML strings.

export function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }

    if (key === 'text') {
      node.textContent = value;
    } else if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }

  for (const child of [].concat(children || [])) {
    if (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }

  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 24x24 outline icon from path data (decorative: hidden from assistive technology). */
export function icon(paths) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of [].concat(paths)) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }

  return svg;
}

export const ICONS = Object.freeze({
  chat: 'M4 5h16v11H8l-4 4z',
  help: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14', 'M12 17h.01'],
  sparkle: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z',
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: 'M4 12l16-8-6 16-2-6z',
  reset: ['M4 4v6h6', 'M20 12a8 8 0 0 1-14.3 4.9', 'M4 10a8 8 0 0 1 14.3-3'],
  up: 'M7 11v9H4v-9zM7 11l4-8c1.5 0 2.5 1 2.5 2.5V9H19a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 20H7',
  down: 'M17 13V4h3v9zM17 13l-4 8c-1.5 0-2.5-1-2.5-2.5V15H5a2 2 0 0 1-2-2.3l1.3-7A2 2 0 0 1 6.3 4H17',
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
});

/** Focusable elements inside a container, in tab order. */
export function focusables(container) {
  return Array.from(container.querySelectorAll('a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select, [tabindex]:not([tabindex="-1"])'))
    .filter((node) => !node.closest('[hidden]') && node.getClientRects().length > 0);
}
