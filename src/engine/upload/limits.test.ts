import { describe, expect, it } from 'vitest';
import { checkSize, formatBytes } from './limits';

describe('checkSize', () => {
  it('lets a file through when the server gives no usable limit', () => {
    expect(checkSize(10 ** 12)).toEqual({ ok: true });
    expect(checkSize(10 ** 12, 0)).toEqual({ ok: true });
    expect(checkSize(10 ** 12, Number.NaN)).toEqual({ ok: true });
  });

  it('accepts a file of exactly the limit', () => {
    expect(checkSize(5_242_880, 5_242_880)).toEqual({ ok: true });
  });

  it('gives the limit in decimal megabytes, rounded down to one decimal', () => {
    // Prosody's default: 10 MiB.
    expect(checkSize(20_000_000, 10_485_760)).toEqual({
      ok: false,
      limitMb: 10.4,
      limitBytes: 10_485_760,
    });
    expect(checkSize(2_000_000, 1_950_000)).toMatchObject({ ok: false, limitMb: 1.9 });
    expect(checkSize(100_000_001, 100_000_000)).toMatchObject({ ok: false, limitMb: 100 });
  });
});

describe('formatBytes', () => {
  it('picks B, KB, MB or GB in steps of 1000', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1000, 'en')).toBe('1 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5_242_880, 'en')).toBe('5.2 MB');
    expect(formatBytes(3_000_000_000, 'en')).toBe('3 GB');
    expect(formatBytes(2_500_000_000_000, 'en')).toBe('2,500 GB');
  });

  it('moves up a unit rather than print 1000', () => {
    expect(formatBytes(999_960, 'en')).toBe('1 MB');
  });

  it("uses the locale's separators", () => {
    expect(formatBytes(1_234_500, 'de')).toBe('1,2 MB');
    expect(formatBytes(1_234_500_000_000, 'de')).toBe('1.234,5 GB');
    expect(formatBytes(1_500, 'zh-CN')).toBe('1.5 KB');
  });

  it('shows nonsense as zero', () => {
    expect(formatBytes(-5, 'en')).toBe('0 B');
    expect(formatBytes(Number.NaN, 'en')).toBe('0 B');
  });
});
