import { describe, expect, it } from 'vitest';
import { isIos } from './install';

describe('install instructions', () => {
  it('are the iOS ones on iPhone and iPad, also when iPadOS says it is a Mac', () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const ipadOs =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    expect(isIos(iphone, 5)).toBe(true);
    expect(isIos(ipadOs, 5)).toBe(true);
    expect(isIos(ipadOs, 0)).toBe(false); // a real Mac
    expect(isIos('Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', 0)).toBe(false);
  });
});
