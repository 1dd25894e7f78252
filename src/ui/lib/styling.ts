// XEP-0393 Message Styling, parsed into a plain tree the UI renders as elements and text nodes.
// Pure: no DOM, no HTML strings. Links come from linkify, and a styling character inside a link
// is part of the link, never a directive (so "https://x.org/a_b_c" stays one link).
import { linkify } from './linkify';

export type SpanStyle = 'strong' | 'em' | 'strike' | 'code';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  /** `mark` is the directive character, shown dimmed on both sides as the XEP recommends. */
  | { kind: 'span'; style: SpanStyle; mark: string; children: Inline[] };

export type Block =
  /** Consecutive plain lines, shown with their line breaks. */
  | { kind: 'lines'; lines: Inline[][] }
  /** A ``` block: its text as is, never styled. */
  | { kind: 'pre'; text: string }
  | { kind: 'quote'; blocks: Block[] };

const STYLE_OF: Record<string, SpanStyle> = { '*': 'strong', _: 'em', '~': 'strike', '`': 'code' };
const FENCE = '```';
const DIRECTIVE = /[*_~`]/;
const SPACE = /\s/;

/** White space as the XEP means it; the common ASCII cases without a regular expression. */
function isSpace(ch: string): boolean {
  if (ch === ' ' || ch === '\t') return true;
  return ch.charCodeAt(0) > 127 && SPACE.test(ch);
}

/** The blocks of a message body. Linear in the body's length, whatever the input. */
export function parseStyling(body: string): Block[] {
  return parseBlocks(body.split('\n'));
}

function parseBlocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let plain: Inline[][] = [];
  const flush = () => {
    if (plain.length > 0) out.push({ kind: 'lines', lines: plain });
    plain = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith(FENCE)) {
      // Runs to a line of exactly ``` or to the end of the parent block; the opening line's
      // rest (a language hint, by custom) is not shown.
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== FENCE) body.push(lines[i++] ?? '');
      i++;
      out.push({ kind: 'pre', text: body.join('\n') });
    } else if (line.startsWith('>')) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) {
        // One level of '>' and the space after it; what is left may quote again (">> ").
        inner.push((lines[i] ?? '').slice(1).replace(/^ /, ''));
        i++;
      }
      out.push({ kind: 'quote', blocks: parseBlocks(inner) });
    } else {
      plain.push(parseLine(line));
      i++;
    }
  }
  flush();
  return out;
}

/** The spans of one line: spans never cross a line break. */
export function parseLine(line: string): Inline[] {
  if (!DIRECTIVE.test(line)) return linked(line);
  // The links' [start, end) ranges, in order; a typed array per line costs more than the parse.
  const links: number[] = [];
  // Every scheme we link has a ':'; most lines have none and skip the search.
  if (line.includes(':')) {
    // Where each directive character first may open a span: a link after it does not take
    // the span's closing directive ("*see https://x.org/a*" is bold, its link ends at "a").
    const firstOpen = new Map<string, number>();
    for (let j = 0; j < line.length - 1; j++) {
      const c = line.charAt(j);
      if (STYLE_OF[c] && !firstOpen.has(c) && (j === 0 || isSpace(line.charAt(j - 1)))) {
        if (!isSpace(line.charAt(j + 1))) firstOpen.set(c, j);
      }
    }
    let at = 0;
    for (const seg of linkify(line)) {
      if (seg.href) {
        let end = at + seg.text.length;
        for (;;) {
          const last = line.charAt(end - 1);
          if (end <= at + 1 || !STYLE_OF[last] || (firstOpen.get(last) ?? end) >= at) break;
          end--;
        }
        links.push(at, end);
      }
      at += seg.text.length;
    }
  }
  // For each directive character, the positions that may close a span (not after a space),
  // ascending: each opening finds its closing by binary search, so hostile input such as
  // "*a *a *a ..." stays O(n log n) instead of rescanning the line for every '*'.
  const closers = new Map<string, number[]>();
  for (let j = 1; j < line.length; j++) {
    const c = line.charAt(j);
    if (STYLE_OF[c] && !inRanges(links, j) && !isSpace(line.charAt(j - 1))) {
      const list = closers.get(c);
      if (list) list.push(j);
      else closers.set(c, [j]);
    }
  }
  const ctx = { line, links, closers };
  return spans(ctx, 0, line.length, new Set());
}

interface Ctx {
  line: string;
  links: number[];
  closers: Map<string, number[]>;
}

/** `i` falls in one of the sorted, disjoint [start, end) pairs: binary search, as many links as there may be. */
function inRanges(ranges: number[], i: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid * 2 + 1] ?? 0) <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length / 2 && (ranges[lo * 2] ?? 0) <= i;
}

/** The first closing position of `c` in [from, end), or -1. */
function closerOf(ctx: Ctx, c: string, from: number, end: number): number {
  const list = ctx.closers.get(c);
  if (!list) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  const j = list[lo];
  return j !== undefined && j < end ? j : -1;
}

/**
 * The inlines of line[start, end). `open` holds the styles of the spans around this range: a
 * span never holds another of its own style. An opening directive starts the line, follows a
 * space or opens right after another opening directive (the start of this range, when nested).
 */
function spans(ctx: Ctx, start: number, end: number, open: Set<SpanStyle>): Inline[] {
  const { line } = ctx;
  const out: Inline[] = [];
  let textFrom = start;
  const pushText = (to: number) => {
    if (to > textFrom) out.push(...linked(line.slice(textFrom, to)));
  };
  let i = start;
  while (i < end) {
    const c = line.charAt(i);
    const style = STYLE_OF[c];
    const canOpen =
      style !== undefined &&
      !open.has(style) &&
      !inRanges(ctx.links, i) &&
      (i === start || isSpace(line.charAt(i - 1))) &&
      i + 1 < end &&
      !isSpace(line.charAt(i + 1));
    // A span needs at least one character between its directives ("**" is plain text).
    const close = canOpen ? closerOf(ctx, c, i + 2, end) : -1;
    if (!style || close < 0) {
      i++;
      continue;
    }
    pushText(i);
    const children =
      style === 'code'
        ? [{ kind: 'text' as const, text: line.slice(i + 1, close) }]
        : spans(ctx, i + 1, close, new Set([...open, style]));
    out.push({ kind: 'span', style, mark: c, children });
    i = close + 1;
    textFrom = i;
  }
  pushText(end);
  return out;
}

function linked(text: string): Inline[] {
  if (!text.includes(':')) return text === '' ? [] : [{ kind: 'text', text }];
  return linkify(text).map((seg) =>
    seg.href ? { kind: 'link', text: seg.text, href: seg.href } : { kind: 'text', text: seg.text },
  );
}

/** The text of inlines without their directives: what a person reads. */
export function plainText(inlines: Inline[]): string {
  return inlines.map((n) => (n.kind === 'span' ? plainText(n.children) : n.text)).join('');
}
