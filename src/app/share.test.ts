import { describe, expect, it } from 'vitest';
import { shareText } from './share';

describe('a shared link or text as a message', () => {
  it('writes the link once, whether an app put it in text, in url or in both', () => {
    expect(shareText({ text: 'Read this https://e.org/a', url: 'https://e.org/a' })).toBe(
      'Read this https://e.org/a',
    );
    expect(shareText({ title: 'A page', url: 'https://e.org/a' })).toBe('A page\nhttps://e.org/a');
    expect(shareText({ title: 'Same', text: 'Same words' })).toBe('Same words');
    expect(shareText({})).toBe('');
  });
});
