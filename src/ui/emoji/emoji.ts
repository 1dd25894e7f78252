// The emoji picker's set, read from the generated table (emojiData.ts), and its search: by
// name or keyword in English, Simplified or Traditional Chinese, whatever the UI language,
// folded (case, accents, full width) so "ＳＭＩＬＥ" and "smile" find the same.
import type { Lang } from '../../i18n';
import { EMOJI_DATA } from './emojiData';

export type EmojiCategory =
  | 'smileys'
  | 'people'
  | 'animals'
  | 'food'
  | 'travel'
  | 'activities'
  | 'objects'
  | 'symbols';

export interface Emoji {
  char: string;
  names: Record<Lang, string>;
  /** Names and keywords of every language, folded, for search. */
  text: string;
}

export interface EmojiGroup {
  key: EmojiCategory;
  emoji: Emoji[];
}

export const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

function parse(): EmojiGroup[] {
  return EMOJI_DATA.map(([key, lines]) => ({
    key: key as EmojiCategory,
    emoji: lines.split('\n').map((line) => {
      const [char = '', en = '', cn = '', tw = '', words = ''] = line.split('\t');
      return {
        char,
        names: { en, 'zh-CN': cn, 'zh-TW': tw },
        text: fold(`${en} ${cn} ${tw} ${words}`),
      };
    }),
  }));
}

let groups: EmojiGroup[] | undefined;
/** Every category, in the picker's order (parsed once, on first use). */
export function emojiGroups(): EmojiGroup[] {
  groups ??= parse();
  return groups;
}

const MAX_RESULTS = 80;

/** Emoji whose names or keywords hold every word of `query`; names that start with it first. */
export function searchEmoji(query: string): Emoji[] {
  const q = fold(query);
  if (!q) return [];
  const words = q.split(' ');
  const starts: Emoji[] = [];
  const rest: Emoji[] = [];
  for (const g of emojiGroups())
    for (const e of g.emoji) {
      if (!words.every((w) => e.text.includes(w))) continue;
      const named = Object.values(e.names).some((n) => fold(n).startsWith(q));
      (named ? starts : rest).push(e);
    }
  return [...starts, ...rest].slice(0, MAX_RESULTS);
}

/** The emoji `char` as the picker knows it (for the recently used row). */
export function emojiByChar(char: string): Emoji | undefined {
  for (const g of emojiGroups()) {
    const e = g.emoji.find((x) => x.char === char);
    if (e) return e;
  }
  return undefined;
}
