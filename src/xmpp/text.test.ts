import { describe, expect, it } from 'vitest';
import { truncate, xmlText } from './text';

describe('truncate', () => {
  it('leaves short strings alone and cuts long ones', () => {
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('abcdef', 3)).toBe('abc');
  });
  it('never splits a surrogate pair', () => {
    expect(truncate('ab😀c', 3)).toBe('ab');
    expect(truncate('ab😀c', 4)).toBe('ab😀');
  });
});

describe('xmlText', () => {
  it('drops characters XML cannot carry and keeps tabs, newlines and emoji', () => {
    expect(xmlText('a\u0000b\u0008c\td\ne\r😀\ufffe\ud800')).toBe('abc\td\ne\r😀');
  });
  it('keeps markup characters (escaping is the serializer’s job)', () => {
    expect(xmlText('<b>&amp;</b>')).toBe('<b>&amp;</b>');
  });
});
