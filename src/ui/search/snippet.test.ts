import { describe, expect, it } from 'vitest';
import { pieces } from './Highlighted';
import { snippet } from './snippet';

const marked = (s: { text: string; ranges: Array<[number, number]> }) =>
  pieces(s.text, s.ranges)
    .map((p) => (p.hit ? `[${p.text}]` : p.text))
    .join('');

describe('a result shows the matched part of a message', () => {
  it('marks the match in a short message', () => {
    expect(marked(snippet('meet at the café', [[12, 16]]))).toBe('meet at the [café]');
  });

  it('starts shortly before a match deep in a long message, on one line', () => {
    const long = `${'前面的内容很长。'.repeat(20)}\n在图书馆门口见\n${'后面'.repeat(100)}`;
    const at = long.indexOf('图书馆');
    const s = snippet(long, [[at, at + 3]]);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text).not.toContain('\n');
    expect(marked(s)).toContain('在[图书馆]门口见');
  });

  it('drops a match cut off by the end of the snippet', () => {
    const text = `${'x '.repeat(200)}tail`;
    expect(
      snippet(text, [
        [2, 3],
        [400, 404],
      ]).ranges,
    ).toEqual([[2, 3]]);
  });
});
