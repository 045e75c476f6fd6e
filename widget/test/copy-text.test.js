import { describe, expect, it } from 'vitest';
import { textToCopy } from '../src/frame/copy-text.js';

describe('copy text', () => {
  it('is the reply alone when it cites nothing', () => {
    expect(textToCopy({ text: 'Hello there.', citations: [] }, 'Sources')).toBe('Hello there.');
    expect(textToCopy({ text: 'Hello there.' }, 'Sources')).toBe('Hello there.');
  });

  it('lists the cited sources in marker order, with their links when they have one', () => {
    const message = {
      text: 'Returns within 30 days. [1] Shipping is free. [2]',
      citations: [
        { index: 2, sourceId: 'src_2', title: 'Shipping', url: null },
        { index: 1, sourceId: 'src_1', title: 'Returns', url: 'https://example.com/returns' },
      ],
    };
    expect(textToCopy(message, 'Quellen')).toBe(
      'Returns within 30 days. [1] Shipping is free. [2]\n\nQuellen:\n[1] Returns (https://example.com/returns)\n[2] Shipping',
    );
  });
});
