// What the copy button puts on the clipboard: the reply as written and, when it cites sources, the list its [n]
// markers point to, so a pasted answer keeps its references.
export function textToCopy(message, sourcesLabel) {
  const citations = (message.citations || []).filter((c) => c && Number.isInteger(c.index));
  if (citations.length === 0) {
    return message.text;
  }

  const lines = citations
    .slice()
    .sort((a, b) => a.index - b.index)
    .map((c) => {
      const title = c.title || c.sourceId || '';
      return c.url ? `[${c.index}] ${title} (${c.url})` : `[${c.index}] ${title}`;
    });
  return `${message.text}\n\n${sourcesLabel}:\n${lines.join('\n')}`;
}
