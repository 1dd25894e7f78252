import { describe, expect, it } from 'vitest';
import { findMentions, suggestNick } from './mentions';

/** The mentioned substrings, for readable expectations. */
const found = (body: string, nick: string) =>
  findMentions(body, nick).map((m) => body.slice(m.start, m.end));

describe('findMentions', () => {
  it('finds the nick with or without @, whatever the case', () => {
    const body = 'Juliet: hi. @juliet are you there? JULIET!';
    expect(findMentions(body, 'Juliet')).toEqual([
      { start: 0, end: 6 },
      { start: 12, end: 19 },
      { start: 35, end: 41 },
    ]);
    expect(found(body, 'juliet')).toEqual(['Juliet', '@juliet', 'JULIET']);
  });

  it('does not find it inside a longer word, a number or an address', () => {
    expect(found('Annabel and annie and ann2 and ann_x', 'ann')).toEqual([]);
    expect(found('write to mail@ann or see ann.', 'ann')).toEqual(['ann']);
    expect(found("ann's turn, (ann), «ann»", 'Ann')).toEqual(['ann', 'ann', 'ann']);
    expect(found('xann', 'ann')).toEqual([]);
  });

  it('treats letters of other scripts as word characters too', () => {
    expect(found('Привет, Аня! Анятка', 'аня')).toEqual(['Аня']);
    expect(found('éric ericé', 'eric')).toEqual([]);
    expect(found('Zoë, zoë', 'zoë')).toEqual(['Zoë', 'zoë']);
  });

  it('finds an @-mention touching Chinese or Japanese text, but not a bare one', () => {
    expect(found('你好@小明，今天开会吗', '小明')).toEqual(['@小明']);
    expect(found('你好小明今天开会吗', '小明')).toEqual([]);
    expect(found('请@alice看一下', 'alice')).toEqual(['@alice']);
    expect(found('请alice看一下', 'alice')).toEqual([]);
    expect(found('こんにちは＠たろうさん', 'たろう')).toEqual(['＠たろう']);
    expect(found('@alicex看', 'alice')).toEqual([]);
  });

  it('handles nicks that begin or end with punctuation, and with spaces', () => {
    expect(found('ask [bot]: status', '[bot]')).toEqual(['[bot]']);
    expect(found('x[bot]y', '[bot]')).toEqual(['[bot]']);
    expect(found('Third Witch, come. third witches', 'Third Witch')).toEqual(['Third Witch']);
  });

  it('reports positions in UTF-16 units around astral characters', () => {
    const body = '😀 @bob 😀';
    expect(findMentions(body, 'bob')).toEqual([{ start: 3, end: 7 }]);
    expect(found('😀bob', 'bob')).toEqual(['bob']);
    expect(found('𝐀bob', 'bob')).toEqual([]); // a mathematical letter is a letter
  });

  it('copes when lowercasing changes lengths', () => {
    expect(found('İstanbul and ali', 'ali')).toEqual(['ali']);
    expect(found('see İrem here', 'İrem')).toEqual(['İrem']);
  });

  it('finds nothing for an empty nick or body, and does not overlap', () => {
    expect(findMentions('anything', '')).toEqual([]);
    expect(findMentions('', 'ann')).toEqual([]);
    expect(found('aa aa', 'aa')).toEqual(['aa', 'aa']);
    expect(found('aaa', 'aa')).toEqual([]);
  });

  it('stays fast on a long body', () => {
    const body = `${'ann '.repeat(15_000)}x`;
    expect(findMentions(body, 'ann')).toHaveLength(15_000);
  });
});

describe('suggestNick', () => {
  it('tries nick_, then nick2, nick3...', () => {
    expect(suggestNick('romeo')).toBe('romeo_');
    expect(suggestNick('romeo', new Set(['romeo', 'romeo_']))).toBe('romeo2');
    expect(suggestNick('romeo', new Set(['romeo_', 'romeo2', 'romeo3']))).toBe('romeo4');
  });

  it('always finds a free one', () => {
    const taken = new Set(['r_', ...Array.from({ length: 50 }, (_, i) => `r${i + 2}`)]);
    expect(taken.has(suggestNick('r', taken))).toBe(false);
  });
});
