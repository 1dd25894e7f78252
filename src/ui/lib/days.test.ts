import { describe, expect, it } from 'vitest';
import { dayLabel, daysBefore, untilMidnight } from './days';

const words = { today: 'Today', yesterday: 'Yesterday' };
const zh = { today: '今天', yesterday: '昨天' };
// Sunday 6 December 2026, 00:30 local time: the small hours are where "today" goes wrong.
const now = new Date(2026, 11, 6, 0, 30).getTime();
const at = (y: number, mo: number, d: number, h = 12) => new Date(y, mo, d, h).getTime();

describe('dayLabel', () => {
  it('says today and yesterday by calendar day, not by 24 hours', () => {
    expect(dayLabel(new Date(2026, 11, 6, 0, 1).getTime(), now, 'en', words)).toBe('Today');
    expect(dayLabel(new Date(2026, 11, 5, 23, 59).getTime(), now, 'en', words)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 11, 5, 0, 0).getTime(), now, 'en', words)).toBe('Yesterday');
  });

  it('names the weekday within the last week, in the language asked', () => {
    expect(dayLabel(at(2026, 11, 3), now, 'en', words)).toBe('Thursday');
    expect(dayLabel(at(2026, 11, 3), now, 'zh-CN', zh)).toBe('星期四');
    expect(dayLabel(at(2026, 10, 30), now, 'en', words)).toBe('Monday');
  });

  it('gives the date after a week, with the year only for another year', () => {
    expect(dayLabel(at(2026, 10, 29), now, 'en', words)).toBe('Sun, November 29');
    expect(dayLabel(at(2026, 10, 29), now, 'zh-CN', zh)).toBe('11月29日周日');
    expect(dayLabel(at(2025, 11, 31), now, 'en', words)).toBe('December 31, 2025');
    expect(dayLabel(at(2025, 11, 31), now, 'zh-TW', zh)).toBe('2025年12月31日');
  });

  it('gives a day in the future its full date', () => {
    expect(dayLabel(at(2026, 11, 8), now, 'en', words)).toBe('December 8, 2026');
  });
});

describe('days', () => {
  it('counts calendar days', () => {
    expect(daysBefore(at(2026, 11, 5, 23), now)).toBe(1);
    expect(daysBefore(at(2026, 0, 1), now)).toBe(339);
  });

  it('knows when the day turns', () => {
    expect(untilMidnight(now)).toBe(23.5 * 3_600_000);
  });
});
