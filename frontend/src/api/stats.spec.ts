import { describe, expect, it } from 'vitest';
import type { ConversationInfo, KnowledgeSource } from './types';
import { summarise } from './stats';

const source = (status: string, characters: number, chunks: number) => ({ id: `s${characters}`, botId: 'b', status, characters, chunks }) as KnowledgeSource;
const conversation = (lastActivityAt: string, pageUrl: string | null = null) => ({ id: lastActivityAt, botId: 'b', visitorId: 'v', workspaceId: 'w', lastActivityAt, pageUrl }) as ConversationInfo;

describe('summarise', () => {
  const now = new Date('2026-12-07T15:00:00Z');

  it('adds up knowledge and counts conversations active since midnight UTC', () => {
    const stats = summarise(
      { items: [source('indexed', 1200, 3), source('processing', 300, 0)], nextCursor: null },
      { items: [conversation('2026-12-07T14:00:00Z'), conversation('2026-12-07T00:00:01Z'), conversation('2026-12-06T23:59:59Z')], nextCursor: null },
      now, 'https://dash.example');
    expect(stats).toMatchObject({ sources: 2, indexedSources: 1, characters: 1500, chunks: 3, conversationsToday: 2, conversations: 3, moreToday: false, embedded: false });
  });

  it('knows a widget embedded on another site, not the dashboard\'s own pages', () => {
    const own = summarise({ items: [], nextCursor: null }, { items: [conversation('2026-12-07T01:00:00Z', 'https://dash.example/demo')], nextCursor: null }, now, 'https://dash.example');
    expect(own.embedded).toBe(false);
    const other = summarise({ items: [], nextCursor: null }, { items: [conversation('2026-12-07T01:00:00Z', 'https://shop.example/help')], nextCursor: null }, now, 'https://dash.example');
    expect(other.embedded).toBe(true);
  });

  it('says when a full page of today\'s conversations may have more behind it', () => {
    const stats = summarise({ items: [], nextCursor: 'x' }, { items: [conversation('2026-12-07T10:00:00Z')], nextCursor: 'next' }, now, 'https://dash.example');
    expect(stats.moreToday).toBe(true);
    expect(stats.moreSources).toBe(true);
  });
});
