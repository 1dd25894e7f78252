import type { Ranges } from '../../app/search';

/** Characters kept before the first match, so a match deep in a long message is on screen. */
const LEAD = 24;
const MAX = 160;

/**
 * The part of a message a result shows: one line, starting a little before the first match,
 * with the ranges moved to match. A long message's match would otherwise be cut off.
 */
export function snippet(text: string, ranges: Ranges): { text: string; ranges: Ranges } {
  const flat = text.replace(/\s/g, ' ');
  const first = ranges[0]?.[0] ?? 0;
  const start = first > LEAD ? first - LEAD : 0;
  const lead = start > 0 ? '…' : '';
  const body = flat.slice(start, start + MAX);
  const tail = start + MAX < flat.length ? '…' : '';
  const shift = lead.length - start;
  const moved = ranges
    .map(([a, b]): [number, number] => [a + shift, Math.min(b + shift, lead.length + body.length)])
    .filter(([a, b]) => a >= lead.length && b > a);
  return { text: `${lead}${body}${tail}`, ranges: moved };
}
