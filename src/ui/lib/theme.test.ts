// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { applyTheme, storedTheme } from './theme';

function page() {
  const doc = document.implementation.createHTMLDocument('t');
  doc.head.innerHTML =
    '<meta name="theme-color" media="(prefers-color-scheme: light)" content="#2f6fde">' +
    '<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#1b1e22">';
  const media = () =>
    [...doc.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')].map((m) =>
      m.getAttribute('media'),
    );
  return { doc, media };
}

describe('theme', () => {
  it('reads only a known choice from storage', () => {
    const from = (v: string | null) => storedTheme({ getItem: () => v });
    expect(from('dark')).toBe('dark');
    expect(from('light')).toBe('light');
    expect(from(null)).toBe('system');
    expect(from('<script>')).toBe('system');
    expect(
      storedTheme({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('system');
  });

  it('forces a theme on <html> and on the browser bar, and gives it back to the system', () => {
    const { doc, media } = page();
    applyTheme('dark', doc);
    expect(doc.documentElement.dataset['theme']).toBe('dark');
    expect(media()).toEqual(['not all', 'all']);
    applyTheme('light', doc);
    expect(doc.documentElement.dataset['theme']).toBe('light');
    expect(media()).toEqual(['all', 'not all']);
    applyTheme('system', doc);
    expect(doc.documentElement.dataset['theme']).toBeUndefined();
    expect(media()).toEqual(['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)']);
  });
});
