import { describe, expect, it } from 'vitest';
import { createSseParser } from './chat';

describe('createSseParser', () => {
  it('yields events only when complete, across chunk borders and CRLF', () => {
    const parser = createSseParser();
    expect(parser.push('event: token\ndata: {"text":"Hel')).toEqual([]);
    expect(parser.push('lo"}\r\n\r\nevent: token\ndata: {"text":" world"}\n\n: comment\n\n')).toEqual([
      { event: 'token', data: { text: 'Hello' } },
      { event: 'token', data: { text: ' world' } },
    ]);
    expect(parser.push('event: done\ndata: {"id":"m1",\ndata: "citations":[]}\n\n')).toEqual([{ event: 'done', data: { id: 'm1', citations: [] } }]);
  });
});
