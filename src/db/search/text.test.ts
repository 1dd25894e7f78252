import { describe, expect, it } from 'vitest';
import { fold, matchRanges, parseQuery, terms } from './text';

const marked = (text: string, q: string) => {
  const query = parseQuery(q);
  if (!query) return null;
  const ranges = matchRanges(text, query);
  return ranges?.map(([a, b]) => text.slice(a, b)) ?? null;
};

describe('folding', () => {
  it('folds case, Latin accents and full-width forms, and keeps Japanese voicing marks', () => {
    expect(fold('Café ＦＵＬＬ　Width').text).toBe('cafe full width');
    expect(fold('Cafe\u0301').text).toBe('cafe'); // decomposed accent
    expect(fold('がか').text).toBe('がか');
    expect(fold('ｶﾀｶﾅ').text).toBe('カタカナ'); // half-width katakana
  });

  it('maps each folded character back to the original', () => {
    const f = fold('ﬁné');
    expect(f.text).toBe('fine');
    expect(f.map).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('terms', () => {
  it('indexes words and, for CJK runs, pairs of characters plus the last one', () => {
    expect(terms('Hello 我们明天见 world').sort()).toEqual(
      ['hello', '我们', '们明', '明天', '天见', '见', 'world'].sort(),
    );
  });
});

describe('matching', () => {
  it('finds a Chinese phrase in the middle of a sentence, as a phrase', () => {
    expect(marked('今天下午我们在图书馆门口见面吧', '图书馆')).toEqual(['图书馆']);
    expect(marked('图书在馆里', '图书馆')).toBeNull();
  });

  it('finds Japanese text and a single CJK character', () => {
    expect(marked('明日は東京で会いましょう', '東京')).toEqual(['東京']);
    expect(marked('明日は東京で会いましょう', '京')).toEqual(['京']);
  });

  it('matches words by their start, ignoring case, accents and width', () => {
    expect(marked('See you at the CAFÉ tomorrow', 'cafe')).toEqual(['CAFÉ']);
    expect(marked('ｆｕｌｌ width text', 'full')).toEqual(['ｆｕｌｌ']);
    expect(marked('Résumé attached', 'resu att')).toEqual(['Résu', 'att']);
    expect(marked('the cat sat', 'at')).toBeNull(); // not the middle of a word
  });

  it('needs every part of the query', () => {
    expect(marked('hello world', 'hello mars')).toBeNull();
    expect(marked('会议 moved to Friday', 'friday 会议')).toEqual(['会议', 'Friday']);
  });

  it('does not search message text for a single Latin letter', () => {
    expect(parseQuery('a')).toBeNull();
    expect(parseQuery('  ')).toBeNull();
    expect(parseQuery('中')).not.toBeNull();
  });
});
