// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { formatTime, fullTime } from './format';
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
