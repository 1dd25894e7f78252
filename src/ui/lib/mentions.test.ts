import { describe, expect, it } from 'vitest';
import { completeNickAt, matchNicks, nickQueryAt } from './mentions';

describe('nickQueryAt', () => {
  it('finds the @prefix the caret is in', () => {
    expect(nickQueryAt('hi @al', 6)).toEqual({ start: 3, end: 6, prefix: 'al' });
    expect(nickQueryAt('@', 1)).toEqual({ start: 0, end: 1, prefix: '' });
    // The caret inside a word: the whole word is replaced, the prefix is what is before it.
    expect(nickQueryAt('hi @alxx there', 6)).toEqual({ start: 3, end: 8, prefix: 'al' });
  });

  it('is nothing after a space, in an address, or without an @', () => {
    expect(nickQueryAt('hi @al ', 7)).toBeNull();
    expect(nickQueryAt('mail@al', 7)).toBeNull();
    expect(nickQueryAt('hello', 5)).toBeNull();
    expect(nickQueryAt('', 0)).toBeNull();
  });

  it('takes a full-width ＠ and an @ right after Chinese text', () => {
    expect(nickQueryAt('你好＠小', 4)).toEqual({ start: 2, end: 4, prefix: '小' });
    expect(nickQueryAt('你好@bo', 5)).toEqual({ start: 2, end: 5, prefix: 'bo' });
    expect(nickQueryAt('(@bo', 4)?.prefix).toBe('bo');
  });
});

describe('matchNicks', () => {
  const nicks = ['alice', 'Alan', 'bob', 'ALBERT', 'alice', '小明'];
  it('matches without regard to case, exact case first, no duplicates', () => {
    expect(matchNicks('al', nicks)).toEqual(['alice', 'Alan', 'ALBERT']);
    expect(matchNicks('Al', nicks)).toEqual(['Alan', 'ALBERT', 'alice']);
    expect(matchNicks('', nicks)).toEqual(['Alan', 'ALBERT', 'alice', 'bob', '小明']);
    expect(matchNicks('小', nicks)).toEqual(['小明']);
    expect(matchNicks('z', nicks)).toEqual([]);
  });
  it('completes case-insensitively, exact case first, each group alphabetical', () => {
    const more = ['alice', 'Alicia', 'bob', 'ALFRED', 'alice', 'al', ''];
    expect(matchNicks('al', more)).toEqual(['al', 'alice', 'ALFRED', 'Alicia']);
    expect(matchNicks('Al', more)).toEqual(['Alicia', 'al', 'ALFRED', 'alice']);
    expect(matchNicks('zed', more)).toEqual([]);
    expect(matchNicks('a', [])).toEqual([]);
  });
  it('takes the prefix after @ or the full-width ＠, and offers everyone for a bare @', () => {
    const more = ['alice', 'Alicia', 'bob', 'ALFRED', 'alice', 'al', ''];
    const typed = (text: string) => nickQueryAt(text, text.length)?.prefix ?? null;
    expect(matchNicks(typed('@bo') ?? '', more)).toEqual(['bob']);
    expect(matchNicks(typed('＠BO') ?? '', more)).toEqual(['bob']);
    expect(matchNicks(typed('@') ?? '', ['b', 'a'])).toEqual(['a', 'b']);
  });
  it('keeps the list short', () => {
    const many = Array.from({ length: 100 }, (_, i) => `user${i}`);
    expect(matchNicks('user', many, 5)).toHaveLength(5);
  });
});

describe('completeNickAt', () => {
  it('replaces the query with @nick and a space, caret after it', () => {
    const q = nickQueryAt('hi @al', 6);
    expect(q && completeNickAt('hi @al', q, 'alice')).toEqual({ text: 'hi @alice ', caret: 10 });
  });
  it('does not double a space that is already there, and replaces the rest of the word', () => {
    const text = 'hi @alx there';
    const q = nickQueryAt(text, 6);
    expect(q && completeNickAt(text, q, 'alice')).toEqual({
      text: 'hi @alice there',
      caret: 10,
    });
  });
  it('keeps nicks with spaces whole', () => {
    const q = nickQueryAt('@th', 3);
    expect(q && completeNickAt('@th', q, 'Third Witch').text).toBe('@Third Witch ');
  });
});
