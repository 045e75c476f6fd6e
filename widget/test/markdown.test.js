import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeUrl } from '../src/frame/markdown.js';

const render = (text, citations) => {
  const div = document.createElement('div');
  div.appendChild(renderMarkdown(document, text, citations));
  return div;
};

describe('markdown', () => {
  it('renders emphasis, code, lists, fenced code and line breaks', () => {
    const div = render('**Bold** and *soft* with `x < y`\nnext line\n\n- one\n- two\n\n1. first\n\n```\n<b>raw</b>\n```');
    expect(div.querySelector('strong').textContent).toBe('Bold');
    expect(div.querySelector('em').textContent).toBe('soft');
    expect(div.querySelector('p code').textContent).toBe('x < y');
    expect(div.querySelector('p br')).not.toBeNull();
    expect(Array.from(div.querySelectorAll('ul li')).map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(div.querySelector('ol li').textContent).toBe('first');
    expect(div.querySelector('pre code').textContent).toBe('<b>raw</b>');
    expect(div.querySelector('b')).toBeNull();
  });

  it('shows HTML as text: no element, attribute or script comes from the message', () => {
    const attacks = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '<svg onload=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '"><iframe src=javascript:alert(1)>',
    ];
    for (const attack of attacks) {
      const div = render(attack);
      expect(div.querySelectorAll('img, script, svg, iframe, a').length).toBe(0);
      expect(div.textContent).toBe(attack);
    }
  });

  it('links only to http, https and mailto, in a new tab without opener', () => {
    const div = render('[site](https://example.com/a?b=1) [bad](javascript:alert(1)) [data](data:text/html,x) see https://docs.example.com/x.');
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'https://docs.example.com/x']);
    for (const a of links) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer nofollow');
    }

    expect(div.textContent).toContain('[bad](javascript:alert(1))');
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl('mailto:team@example.com')).toBe('mailto:team@example.com');
  });

  it('turns citation markers into links to their sources', () => {
    const div = render('Yes [1], and [2] [3]', [
      { index: 1, sourceId: 's1', title: 'Pricing', url: 'https://example.com/pricing' },
      { index: 2, sourceId: 's2', title: 'FAQ', url: 'javascript:alert(1)' },
    ]);
    const sups = div.querySelectorAll('sup');
    expect(sups.length).toBe(2);
    expect(sups[0].querySelector('a').getAttribute('href')).toBe('https://example.com/pricing');
    expect(sups[0].querySelector('a').title).toBe('Pricing');
    expect(sups[1].querySelector('a')).toBeNull();
    expect(div.textContent).toContain('[3]');
  });
});
