// @nickname completion in the composer: what is being typed at the caret, which nicks match
// it, and the text once one is picked. Plain strings in and out; indices are UTF-16 units.

export interface NickQuery {
  start: number; // at the '@'
  end: number; // exclusive: the end of the word the caret is in
  prefix: string; // what follows the '@' up to the caret
}

const AT = /[@\uff20]/; // '@' and the full-width '＠' CJK keyboards type
const WORD = /[\p{L}\p{M}\p{N}_]/u;
// Scripts written without spaces: an '@' may follow them directly ("你好@小明").
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MAX_PREFIX = 64;

function lastCodePoint(s: string): string {
  return Array.from(s.slice(-2)).at(-1) ?? '';
}

/**
 * The '@prefix' the caret is in, or null. The '@' must start a word ("mail@ann" is an
 * address, not a mention), and nothing between it and the caret may be a space.
 */
export function nickQueryAt(text: string, caret: number): NickQuery | null {
  let i = caret;
  while (i > 0 && caret - i <= MAX_PREFIX) {
    const ch = text.charAt(i - 1);
    if (/\s/.test(ch)) return null;
    if (AT.test(ch)) {
      const start = i - 1;
      const prev = lastCodePoint(text.slice(0, start));
      if (prev && WORD.test(prev) && !CJK.test(prev)) return null;
      let end = caret;
      while (end < text.length && !/\s/.test(text.charAt(end))) end++;
      return { start, end, prefix: text.slice(i, caret) };
    }
    i--;
  }
  return null;
}

function byText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Nicks that begin with `prefix`, without regard to case: those that match it case and all
 * first, then the rest, each in alphabetical order; at most `limit`.
 */
export function matchNicks(prefix: string, nicks: Iterable<string>, limit = 8): string[] {
  const lp = prefix.toLowerCase();
  const found = [...new Set(nicks)].filter((n) => n !== '' && n.toLowerCase().startsWith(lp));
  const rank = (n: string) => (n.startsWith(prefix) ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || byText(a, b)).slice(0, limit);
}

/** The text with the query replaced by '@nick ', and where the caret goes after it. */
export function completeNickAt(
  text: string,
  query: NickQuery,
  nick: string,
): { text: string; caret: number } {
  const after = text.slice(query.end);
  const insert = `@${nick}${/^\s/.test(after) ? '' : ' '}`;
  const next = text.slice(0, query.start) + insert + after;
  const caret = query.start + insert.length + (/^\s/.test(after) ? 1 : 0);
  return { text: next, caret };
}
