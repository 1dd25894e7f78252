// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { followEnd } from './followEnd';

/** A log of `height` px showing content of `content()` px (jsdom does no layout). */
function log(height: number, content: () => number) {
  const el = document.createElement('div');
  document.body.append(el);
  Object.defineProperty(el, 'clientHeight', { get: () => height });
  Object.defineProperty(el, 'scrollHeight', { get: () => content() });
  let top = 0;
  Object.defineProperty(el, 'scrollTop', {
    get: () => top,
    set: (v: number) => {
      top = Math.max(0, Math.min(v, content() - height));
    },
  });
  return el;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('followEnd', () => {
  it('opens at the newest message and follows new rows while the reader is at the end', async () => {
    let content = 1000;
    const el = log(400, () => content);
    const stop = followEnd(el);
    expect(el.scrollTop).toBe(600);
    content = 1300; // a picture's row arrives
    el.append(document.createElement('div'));
    await settle();
    expect(el.scrollTop).toBe(900);
    stop();
  });

  it('leaves a reader who scrolled up where they are', async () => {
    let content = 1000;
    const el = log(400, () => content);
    const stop = followEnd(el);
    el.scrollTop = 100;
    el.dispatchEvent(new Event('scroll'));
    content = 1300;
    el.append(document.createElement('div'));
    await settle();
    expect(el.scrollTop).toBe(100);
    stop();
  });
});
