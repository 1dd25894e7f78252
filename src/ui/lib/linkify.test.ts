import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('keeps HTML as literal text', () => {
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([
      { text: '<img src=x onerror=alert(1)>' },
    ]);
  });
  it('links http, https, xmpp and mailto, leaving trailing punctuation outside', () => {
    const segs = linkify(
      'see https://example.com/a?b=1, mail mailto:x@y.z or xmpp:bob@example.com.',
    );
    expect(segs.filter((s) => s.href).map((s) => s.href)).toEqual([
      'https://example.com/a?b=1',
      'mailto:x@y.z',
      'xmpp:bob@example.com',
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(
      'see https://example.com/a?b=1, mail mailto:x@y.z or xmpp:bob@example.com.',
    );
  });
  it('never links javascript: or data: URLs', () => {
    expect(linkify('javascript:alert(1) data:text/html,hi').every((s) => !s.href)).toBe(true);
  });
  it('handles Chinese punctuation after a link', () => {
    const segs = linkify('看这个https://例子.cn/页。');
    expect(segs.find((s) => s.href)?.text).toBe('https://例子.cn/页');
  });
});
