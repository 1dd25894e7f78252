// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatLimit, formatTime, fullTime } from './format';
import { setLangChoice } from './i18n';

const NOW = new Date(2026, 10, 21, 15, 30).getTime();

describe('message times', () => {
  afterEach(() => setLangChoice('en'));

  it('shows the time of day for today, the date too before that, in the chosen language', () => {
    setLangChoice('en');
    expect(formatTime(new Date(2026, 10, 21, 9, 5).getTime(), NOW)).toMatch(/09:05/);
    const older = formatTime(new Date(2026, 10, 3, 9, 5).getTime(), NOW);
    expect(older).toMatch(/Nov/);
    expect(older).toMatch(/3/);
    setLangChoice('zh-CN');
    expect(formatTime(new Date(2026, 10, 3, 9, 5).getTime(), NOW)).toMatch(/11月3日/);
    expect(fullTime(NOW)).toMatch(/2026年11月21日星期六/);
    setLangChoice('zh-TW');
    expect(fullTime(NOW)).toMatch(/2026年11月21日 星期六/);
    // Switching back gives English again (formatters are kept per language).
    setLangChoice('en');
    expect(fullTime(NOW)).toMatch(/Saturday, November 21, 2026/);
  });
});

describe('formatBytes', () => {
  it('picks B, KB, MB or GB in steps of 1024', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1024, 'en')).toBe('1 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5_242_880, 'en')).toBe('5 MB');
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3 GB');
    expect(formatBytes(2500 * 1024 ** 3, 'en')).toBe('2,500 GB');
  });

  it('shows a file and a limit in the same units: 12,000,000 bytes is under 12 MB', () => {
    // The issue: "12 MB" for 12,000,000 bytes beside "10.4 MB" for a 10 MiB limit.
    expect(formatBytes(12_000_000, 'en')).toBe('11.4 MB');
    expect(formatLimit(10 * 1024 * 1024, 'en')).toBe('10 MB');
  });

  it('moves up a unit rather than print 1024', () => {
    expect(formatBytes(1024 * 1024 - 10, 'en')).toBe('1 MB');
  });

  it("uses the locale's separators", () => {
    expect(formatBytes(1.25 * 1024 * 1024, 'de')).toBe('1,3 MB');
    expect(formatBytes(1234.5 * 1024 ** 3, 'de')).toBe('1.234,5 GB');
    expect(formatBytes(1536, 'zh-CN')).toBe('1.5 KB');
  });

  it('shows nonsense as zero', () => {
    expect(formatBytes(-5, 'en')).toBe('0 B');
    expect(formatBytes(Number.NaN, 'en')).toBe('0 B');
  });
});

describe('formatLimit', () => {
  it('rounds down, so the limit shown is never above the real one', () => {
    expect(formatLimit(10.99 * 1024 * 1024, 'en')).toBe('10.9 MB');
    expect(formatLimit(11_010_048, 'en')).toBe('10.5 MB');
    expect(formatLimit(1024 * 1024 - 1, 'en')).toBe('1,023.9 KB');
    expect(formatLimit(4000, 'en')).toBe('3.9 KB');
  });
});
