import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { BODY_CHARS, isolate, notificationText, truncate } from './text';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);
const FSI = '\u2068';
const PDI = '\u2069';

describe('what a notification says', () => {
  it('the sender’s name and the text; the count once more than one waits', () => {
    expect(notificationText(t, { name: 'Ann', kind: 'chat', body: 'hi', count: 1 })).toEqual({
      title: `${FSI}Ann${PDI}`,
      body: `${FSI}hi${PDI}`,
    });
    expect(notificationText(t, { name: 'Ann', kind: 'chat', body: 'hi', count: 10 }).title).toBe(
      `${FSI}Ann${PDI} (10)`,
    );
  });

  it('a file by its kind, never its name or link', () => {
    const n = (file: 'image' | 'voice' | 'file') =>
      notificationText(t, {
        name: 'Ann',
        kind: 'chat',
        body: 'https://x/evil.exe',
        file,
        count: 1,
      });
    expect(n('image').body).toBe('Photo');
    expect(n('voice').body).toBe('Voice message');
    expect(n('file').body).toBe('File');
  });

  it('a room’s message says who wrote it', () => {
    expect(
      notificationText(t, { name: 'Team', kind: 'room', nick: 'bob', body: 'hi', count: 1 }).body,
    ).toBe(`${FSI}bob${PDI}: ${FSI}hi${PDI}`);
  });

  it('hostile text: bidi controls dropped and isolated, one line, truncated', () => {
    const spoof = isolate('evil\u202Egnp.exe\u2069\u2066 x', 80);
    expect(spoof).toBe(`${FSI}evilgnp.exe x${PDI}`);
    expect(isolate('a\n\n<b>b</b>', 80)).toBe(`${FSI}a <b>b</b>${PDI}`);
    const long = notificationText(t, {
      name: 'A',
      kind: 'chat',
      body: 'x'.repeat(70_000),
      count: 1,
    });
    expect(Array.from(long.body)).toHaveLength(BODY_CHARS + 2);
    expect(long.body.endsWith(`…${PDI}`)).toBe(true);
    // Cut on code points: an emoji is never split in half.
    expect(truncate('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});
