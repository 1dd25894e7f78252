// Nicks in room messages: where a body mentions ours, @-completion, a free nick on a clash.
// Plain text in, plain values out; positions are UTF-16 indices into the body as given.

export interface Mention {
  start: number; // at the '@' when there is one
  end: number; // exclusive
}

// Letters, marks and digits of any script, and '_': what a nick must not run into.
const WORD = /^[\p{L}\p{M}\p{N}_]$/u;
// Scripts written without spaces between words: after an '@', a nick may touch them.
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const AT = ['@', '\uff20']; // '@' and the full-width '＠' CJK keyboards type

/** The code point that ends just before index `i` ('' at the start). */
function before(s: string, i: number): string {
  if (i <= 0) return '';
  const low = s.charCodeAt(i - 1);
  const high = i >= 2 ? s.charCodeAt(i - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return s.slice(pair ? i - 2 : i - 1, i);
}

/** The code point that starts at index `i` ('' at the end). */
function at(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Index of the next case-insensitive match of `nick` in `body` from `from`, or -1. */
function nextMatch(body: string, lowerBody: string | null, nick: string, from: number): number {
  const lowerNick = nick.toLowerCase();
  if (lowerBody !== null) return lowerBody.indexOf(lowerNick, from);
  // Lowercasing changed some length (e.g. 'İ'): compare slice by slice instead.
  for (let i = from; i + nick.length <= body.length; i++) {
    if (body.slice(i, i + nick.length).toLowerCase() === lowerNick) return i;
  }
  return -1;
}

/**
 * Where `body` mentions `nick`: without regard to case, with or without a leading '@', not
 * inside a longer word ("@ann" is no mention of "an", nor is "mail@ann"). After an '@' the
 * nick may touch Chinese, Japanese or Korean text, written without spaces ("你好@小明，"),
 * where a bare nick may not.
 */
export function findMentions(body: string, nick: string): Mention[] {
  if (!nick || !body) return [];
  const lower = body.toLowerCase();
  const lowerBody =
    lower.length === body.length && nick.toLowerCase().length === nick.length ? lower : null;
  const wordStart = WORD.test(at(nick, 0));
  const wordEnd = WORD.test(before(nick, nick.length));
  const out: Mention[] = [];
  let i = nextMatch(body, lowerBody, nick, 0);
  while (i !== -1) {
    const end = i + nick.length;
    const hasAt = AT.includes(before(body, i));
    const start = hasAt ? i - 1 : i;
    const prev = before(body, start);
    const next = at(body, end);
    const okStart = hasAt ? !WORD.test(prev) || CJK.test(prev) : !wordStart || !WORD.test(prev);
    const okEnd = !wordEnd || !WORD.test(next) || (hasAt && CJK.test(next));
    if (okStart && okEnd) {
      out.push({ start, end });
      i = nextMatch(body, lowerBody, nick, end);
    } else {
      i = nextMatch(body, lowerBody, nick, i + 1);
    }
  }
  return out;
}

/** A nick to try when `nick` is taken in a room: nick_, then nick2, nick3... not in `taken`. */
export function suggestNick(nick: string, taken: ReadonlySet<string> = new Set()): string {
  if (!taken.has(`${nick}_`)) return `${nick}_`;
  // nick_ and nick2 ... nick{size + 1} are size + 1 names: one of them is free.
  for (let n = 2; n <= taken.size + 1; n++) if (!taken.has(`${nick}${n}`)) return `${nick}${n}`;
  return `${nick}${taken.size + 2}`;
}
