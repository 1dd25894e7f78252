import { describe, expect, it } from 'vitest';
import { checkSize } from './fileLimits';

describe('checkSize', () => {
  it('lets a file through when the server gives no usable limit', () => {
    expect(checkSize(10 ** 12)).toEqual({ ok: true });
    expect(checkSize(10 ** 12, 0)).toEqual({ ok: true });
    expect(checkSize(10 ** 12, Number.NaN)).toEqual({ ok: true });
  });

  it('accepts a file of exactly the limit', () => {
    expect(checkSize(5_242_880, 5_242_880)).toEqual({ ok: true });
  });

  it('refuses a file over the limit and gives the limit in bytes', () => {
    expect(checkSize(20_000_000, 10_485_760)).toEqual({ ok: false, limitBytes: 10_485_760 });
  });
});
