// XEP-0428 fallback indication: the part of a body written only for clients that do not know
// a feature (a reply's quote, a retraction's notice), which a client that knows it leaves out.
import xml, { type Element } from '@xmpp/xml';
import { NS_FALLBACK } from './ns';
import { attr } from './stanza';

/** A range of a body, in code points (XEP-0426), end exclusive. */
export interface FallbackRange {
  start: number;
  end: number;
}

/**
 * The fallback of `feature` in this message: `whole` when it names no range (the whole body is
 * fallback), the ranges of <body/> otherwise; undefined when there is none.
 */
export function parseFallback(
  el: Element,
  feature: string,
): { whole: true } | { ranges: FallbackRange[] } | undefined {
  for (const f of el.getChildren('fallback', NS_FALLBACK)) {
    if (attr(f, 'for') !== feature) continue;
    const bodies = f.getChildren('body');
    if (!bodies.length) return { whole: true };
    const ranges: FallbackRange[] = [];
    for (const b of bodies) {
      const start = Number(attr(b, 'start'));
      const end = Number(attr(b, 'end'));
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start)
        ranges.push({ start, end });
    }
    return ranges.length ? { ranges } : { whole: true };
  }
  return undefined;
}

/** The body without the given ranges (code points), the rest as written. */
export function stripFallback(body: string, ranges: readonly FallbackRange[]): string {
  const chars = Array.from(body);
  const drop = new Set<number>();
  for (const r of ranges) for (let i = r.start; i < Math.min(r.end, chars.length); i++) drop.add(i);
  return chars.filter((_, i) => !drop.has(i)).join('');
}

/** A fallback element for `feature`: over the body's first `end` code points, or all of it. */
export function buildFallback(feature: string, end?: number): Element {
  return xml(
    'fallback',
    { xmlns: NS_FALLBACK, for: feature },
    end !== undefined && xml('body', { start: '0', end: String(end) }),
  );
}
