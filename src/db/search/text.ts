// How text is folded and cut into index terms, for stored messages and for what is typed into
// the search box alike. Pure functions: no database, no DOM.

/** Scripts written without spaces between words: indexed as overlapping pairs of characters. */
const CJK =
  /[\p{Script=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const LATIN = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
const MARKS = /\p{M}+/gu;

/** Longer words are cut (a pasted hash or link would otherwise grow the index for nothing). */
export const MAX_WORD = 24;

/** Text folded for matching, with where each folded character came from in the original. */
export interface Folded {
  text: string;
  /** `map[i]`: the index in the original string of folded character `i`; one past the end last. */
  map: number[];
}

/**
 * Fold one code point: width variants and compatibility forms (NFKC: ｆｕｌｌ → full), case, and
 * accents on Latin letters (é → e). Marks on other scripts stay: Japanese dakuten (が ≠ か) and
 * Cyrillic й are letters of their own.
 */
function foldChar(c: string, prevLatin: boolean): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  if (MARK.test(c) && prevLatin) return '';
  const f = c.normalize('NFKC').toLowerCase();
  return LATIN.test(f) ? f.normalize('NFD').replace(MARKS, '') : f;
}

/** Fold a whole string, keeping the map back to the original (for highlighting). */
export function fold(s: string): Folded {
  let text = '';
  const map: number[] = [];
  let prevLatin = false;
  let i = 0;
  for (const c of s) {
    const f = foldChar(c, prevLatin);
    for (let k = 0; k < f.length; k++) map.push(i);
    text += f;
    if (f) prevLatin = LATIN.test(f);
    i += c.length;
  }
  map.push(i);
  return { text, map };
}

/** A run of word characters, split into CJK runs and other words. */
export interface Part {
  kind: 'word' | 'cjk';
  text: string;
  /** Offset in the folded text. */
  at: number;
}

/** The words and CJK runs of folded text, in order. */
export function parts(folded: string): Part[] {
  const out: Part[] = [];
  let cur = null as Part | null;
  let at = 0;
  for (const c of folded) {
    const kind = CJK.test(c) ? 'cjk' : WORD.test(c) ? 'word' : null;
    if (kind && cur?.kind === kind) cur.text += c;
    else {
      if (cur) out.push(cur);
      cur = kind ? { kind, text: c, at } : null;
    }
    at += c.length;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * The index terms of a text: each word (cut to MAX_WORD characters), and for each CJK run every
 * pair of neighbouring characters plus its last character alone, so that every character starts
 * some term and a one-character query is a prefix lookup.
 */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const p of parts(fold(text).text)) {
    const chars = [...p.text];
    if (p.kind === 'word') {
      out.add(chars.slice(0, MAX_WORD).join(''));
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
    out.add(chars[chars.length - 1] ?? '');
  }
  out.delete('');
  return [...out];
}

/** One lookup of a query in the index: an exact term, or every term that starts with it. */
export interface Lookup {
  term: string;
  prefix: boolean;
}

/** A query, folded: what must be found in a message, and how to find candidates. */
export interface Query {
  /** Every word must start a word of the message; every CJK run must occur in it. */
  parts: Part[];
  lookups: Lookup[];
}

/** Too short to search message text with (a single Latin letter matches nearly everything). */
export function parseQuery(input: string): Query | null {
  const ps = parts(fold(input).text);
  const lookups: Lookup[] = [];
  for (const p of ps) {
    const chars = [...p.text];
    if (p.kind === 'word') {
      lookups.push({ term: chars.slice(0, MAX_WORD).join(''), prefix: chars.length <= MAX_WORD });
      continue;
    }
    if (chars.length === 1) lookups.push({ term: p.text, prefix: true });
    for (let i = 0; i + 1 < chars.length; i++)
      lookups.push({ term: `${chars[i]}${chars[i + 1]}`, prefix: false });
  }
  const enough = ps.some((p) => p.kind === 'cjk' || [...p.text].length >= 2);
  return enough ? { parts: ps, lookups } : null;
}

/**
 * Where a query matches a text, as [start, end) ranges of the original string, merged and in
 * order; null when it does not match (some part of the query is missing).
 */
export function matchRanges(text: string, query: Query): Array<[number, number]> | null {
  const f = fold(text);
  const words = parts(f.text).filter((p) => p.kind === 'word');
  const found: Array<[number, number]> = [];
  for (const q of query.parts) {
    const before = found.length;
    if (q.kind === 'word') {
      for (const w of words)
        if (w.text.startsWith(q.text)) found.push([w.at, w.at + q.text.length]);
    } else {
      for (let i = f.text.indexOf(q.text); i >= 0; i = f.text.indexOf(q.text, i + 1))
        found.push([i, i + q.text.length]);
    }
    if (found.length === before) return null;
  }
  const ranges = found
    .map(([a, b]): [number, number] => [f.map[a] ?? 0, f.map[b] ?? text.length])
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/**
 * Where folded `input` occurs in `text` (a name or an address), as ranges of the original; null
 * when it does not. Names are short: any occurrence counts, not only at a word's start.
 */
export function substringRanges(text: string, input: string): Array<[number, number]> | null {
  const needle = fold(input.trim()).text;
  if (!needle) return null;
  const f = fold(text);
  const i = f.text.indexOf(needle);
  if (i < 0) return null;
  return [[f.map[i] ?? 0, f.map[i + needle.length] ?? text.length]];
}
