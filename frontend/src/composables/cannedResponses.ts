import type { CannedResponse } from '@/api/cannedResponses';

/** What a canned response's variables are filled from. */
export interface CannedContext {
  visitor?: { name?: string | null; email?: string | null };
  agent?: { name?: string | null };
  bot?: { name?: string | null };
}

const VARIABLE = /\{\{\s*([a-z]+)\.([a-z]+)\s*\}\}/gi;

/**
 * Fills `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}` and `{{bot.name}}`. A known variable without a value
 * becomes empty text (and the space before it goes, so "Hi {{visitor.name}}," reads "Hi,"); anything else in braces
 * stays as written, so the agent sees it before sending.
 */
export function fillVariables(text: string, context: CannedContext): string {
  return text.replace(new RegExp(`( ?)${VARIABLE.source}`, 'gi'), (whole, space: string, scope: string, field: string) => {
    const group = (context as Record<string, Record<string, string | null | undefined> | undefined>)[scope.toLowerCase()];
    const known = ['visitor.name', 'visitor.email', 'agent.name', 'bot.name'].includes(`${scope}.${field}`.toLowerCase());
    if (!known) return whole;
    const value = group?.[field.toLowerCase()]?.trim();
    return value ? `${space}${value}` : '';
  });
}

/** The canned responses whose shortcut, title or text contains the query (shortcut matches first), for the picker. */
export function matchCanned(list: CannedResponse[], query: string): CannedResponse[] {
  const q = query.trim().replace(/^\//, '').toLowerCase();
  if (!q) return list;
  const byShortcut = list.filter((c) => c.shortcut.toLowerCase().includes(q));
  const byText = list.filter((c) => !byShortcut.includes(c) && `${c.title}\n${c.text}`.toLowerCase().includes(q));
  return [...byShortcut, ...byText];
}
