// A small, safe Markdown renderer for answers and visitor messages. It never parses HTML: it builds DOM
// nodes with textContent, so markup in a message is shown as text and nothing in it can run. Supported:
// paragraphs and line breaks, **bold**, *italic*, `code`, fenced code blocks, - and 1. lists, [links](url),
// bare URLs, and citation markers [1] that link to the answer's sources. Links only to http(s) and mailto,
// opened in a new tab with no opener and no referrer.

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/** The URL if it is safe to link to, else null. */
export function safeUrl(raw) {
  if (typeof raw !== 'string') {
    return null;
  }

  const trimmed = raw.trim();
  if (!trimmed || /[\u0000-\u001f\s]/.test(trimmed)) {
    return null;
  }

  try {
    const url = new URL(trimmed);
    return SAFE_PROTOCOLS.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function link(doc, href, text) {
  const a = doc.createElement('a');
  a.href = href;
  a.textContent = text;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  return a;
}

const INLINE = /(\*\*([^*]+)\*\*)|(\*([^*\s][^*]*)\*)|(`([^`]+)`)|(\[([^\]]+)\]\(([^)\s]+)\))|(\[(\d{1,2})\])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Appends the inline content of one line to a parent element. */
export function renderInline(doc, parent, text, citations) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) {
      parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
    }

    last = m.index + m[0].length;
    if (m[1]) {
      const strong = doc.createElement('strong');
      strong.textContent = m[2];
      parent.appendChild(strong);
    } else if (m[3]) {
      const em = doc.createElement('em');
      em.textContent = m[4];
      parent.appendChild(em);
    } else if (m[5]) {
      const code = doc.createElement('code');
      code.textContent = m[6];
      parent.appendChild(code);
    } else if (m[7]) {
      const href = safeUrl(m[9]);
      parent.appendChild(href ? link(doc, href, m[8]) : doc.createTextNode(m[0]));
    } else if (m[10]) {
      parent.appendChild(citationMarker(doc, Number(m[11]), citations, m[0]));
    } else if (m[12]) {
      const href = safeUrl(m[12]);
      parent.appendChild(href ? link(doc, href, m[12]) : doc.createTextNode(m[12]));
    }
  }

  if (last < text.length) {
    parent.appendChild(doc.createTextNode(text.slice(last)));
  }
}

function citationMarker(doc, index, citations, raw) {
  const citation = (citations || []).find((c) => c.index === index);
  if (!citation) {
    return doc.createTextNode(raw);
  }

  const sup = doc.createElement('sup');
  sup.className = 'cs-cite';
  const href = safeUrl(citation.url);
  const label = `[${index}]`;
  const node = href ? link(doc, href, label) : doc.createElement('span');
  if (!href) {
    node.textContent = label;
  }

  node.title = citation.title || '';
  sup.appendChild(node);
  return sup;
}

/** Renders a whole message into a fragment of block elements. */
export function renderMarkdown(doc, text, citations) {
  const fragment = doc.createDocumentFragment();
  const lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
  let paragraph = null;
  let list = null;
  let i = 0;

  const closeBlocks = () => {
    paragraph = null;
    list = null;
  };

  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      closeBlocks();
      const code = [];
      i += 1;
      while (i < lines.length && !/^\s*```/.test(lines[i])) {
        code.push(lines[i]);
        i += 1;
      }

      const pre = doc.createElement('pre');
      const codeElement = doc.createElement('code');
      codeElement.textContent = code.join('\n');
      pre.appendChild(codeElement);
      fragment.appendChild(pre);
      i += 1;
      continue;
    }

    const item = /^\s*(?:([-*+])|(\d{1,3})[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = !item[1];
      const tag = ordered ? 'OL' : 'UL';
      if (!list || list.tagName !== tag) {
        list = doc.createElement(tag.toLowerCase());
        fragment.appendChild(list);
      }

      paragraph = null;
      const li = doc.createElement('li');
      renderInline(doc, li, item[3], citations);
      list.appendChild(li);
    } else if (line.trim() === '') {
      closeBlocks();
    } else {
      list = null;
      if (!paragraph) {
        paragraph = doc.createElement('p');
        fragment.appendChild(paragraph);
      } else {
        paragraph.appendChild(doc.createElement('br'));
      }

      renderInline(doc, paragraph, line, citations);
    }

    i += 1;
  }

  return fragment;
}
