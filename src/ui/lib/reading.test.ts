// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { newestSeenIncoming } from './reading';

/** A log `height` px tall scrolled to `top`, with rows of 50 px: [direction, id] from the top. */
function log(top: number, rows: Array<['in' | 'out', string]>, height = 300) {
  const el = document.createElement('div');
  const ol = document.createElement('ol');
  rows.forEach(([dir, id], i) => {
    const li = document.createElement('li');
    li.className = `msg msg-${dir}`;
    li.dataset['id'] = id;
    Object.defineProperty(li, 'offsetTop', { value: i * 50 });
    Object.defineProperty(li, 'offsetHeight', { value: 50 });
    ol.append(li);
  });
  el.append(ol);
  Object.defineProperty(el, 'scrollTop', { value: top });
  Object.defineProperty(el, 'clientHeight', { value: height });
  return el;
}

const rows = (n: number, dir: (i: number) => 'in' | 'out' = () => 'in') =>
  Array.from({ length: n }, (_, i) => [dir(i), `m${i}`] as ['in' | 'out', string]);

describe('newestSeenIncoming', () => {
  it('is the newest message from the peer that reaches into view', () => {
    // Rows 0..19 of 50 px; the view 500..800 px shows rows 10..15.
    expect(newestSeenIncoming(log(500, rows(20)))).toBe('m15');
    expect(newestSeenIncoming(log(0, rows(20)))).toBe('m5');
  });

  it('a row counts only once enough of it is on screen', () => {
    // View 0..310: row 6 starts at 300 and shows 10 px only.
    expect(newestSeenIncoming(log(0, rows(20), 310))).toBe('m5');
    expect(newestSeenIncoming(log(0, rows(20), 324))).toBe('m6');
  });

  it('skips our own messages, and finds nothing when only ours are in view', () => {
    expect(
      newestSeenIncoming(
        log(
          500,
          rows(20, (i) => (i >= 12 ? 'out' : 'in')),
        ),
      ),
    ).toBe('m11');
    expect(
      newestSeenIncoming(
        log(
          500,
          rows(20, (i) => (i >= 8 ? 'out' : 'in')),
        ),
      ),
    ).toBeUndefined();
  });
});
