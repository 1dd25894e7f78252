// XEP-0313 message archive management, paged with XEP-0059 result set management.
//
// Results arrive as separate <message/>s before the query's iq result, and anyone can send a
// message that looks like one. The engine accepts a result only for a queryId it has open and
// only from the archive it asked: outerFrom '' or our own bare JID for our account's archive,
// the room's bare JID for a room's. Nothing here checks that.
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import { formatDateTime } from './datetime';
import { unwrapForwarded } from './forward';
import { NS_DATA, NS_MAM, NS_RSM } from './ns';
import { attr, isElement, newId } from './stanza';
import type { MamFin, MamResult } from './types';

export interface MamQueryOptions {
  queryId: string; // echoed in every result: how the engine knows results are its own
  to?: string; // the archive: absent for our own, the room's bare JID for a room's
  with?: string; // only the conversation with this JID
  start?: Date;
  end?: Date;
  after?: string; // archive id: the page after it (forwards)
  before?: string | true; // archive id: the page before it; true: the last page
  max: number; // page size
}

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

function dateField(name: string, d: Date | undefined): Element | undefined {
  if (d === undefined) return undefined;
  const s = formatDateTime(d);
  // An invalid date left out would widen the query silently: refuse instead.
  if (s === undefined) throw new RangeError(`MAM query: invalid ${name} date`);
  return field(name, s);
}

/**
 * One page of a MAM query. Throws RangeError for an invalid date, a `max` that is not a
 * non-negative integer, or both `after` and `before` (RSM pages one way at a time).
 */
export function buildMamQuery(opts: MamQueryOptions): Element {
  const { queryId, to, start, end, after, before, max } = opts;
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError('MAM query: bad max');
  if (after !== undefined && before !== undefined) {
    throw new RangeError('MAM query: both after and before');
  }
  const form = xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
    opts.with !== undefined && field('with', opts.with),
    dateField('start', start),
    dateField('end', end),
  );
  const set = xml(
    'set',
    { xmlns: NS_RSM },
    xml('max', {}, String(max)),
    after !== undefined && xml('after', {}, after),
    before === true ? xml('before') : before !== undefined && xml('before', {}, before),
  );
  return xml(
    'iq',
    { type: 'set', id: newId(), to },
    xml('query', { xmlns: NS_MAM, queryid: queryId }, form, set),
  );
}

/**
 * One archived message, or null unless `el` is a <message/> with exactly one MAM <result/>
 * (queryid and id set) wrapping exactly one <forwarded/> with one jabber:client <message/>.
 * Unchecked: see the file comment.
 */
export function parseMamResult(el: Element | null | undefined): MamResult | null {
  if (!isElement(el, 'message')) return null;
  const results = el.getChildren('result', NS_MAM);
  const result = results[0];
  if (results.length !== 1 || !result) return null;
  const queryId = attr(result, 'queryid');
  const archiveId = attr(result, 'id');
  if (!queryId || !archiveId) return null;
  const outerFrom = attr(el, 'from') ?? '';
  if (outerFrom && !parseJid(outerFrom)) return null;
  const forwarded = unwrapForwarded(result);
  if (!forwarded) return null;
  const r: MamResult = { queryId, archiveId, outerFrom, message: forwarded.message };
  if (forwarded.stamp) r.stamp = forwarded.stamp;
  return r;
}

/** A non-empty RSM child's text. */
function rsmText(set: Element | undefined, name: string): string | undefined {
  const s = set?.getChildText(name, NS_RSM);
  return s ? s : undefined;
}

/** The <fin/> in a query's iq result; null when `iq` is not such a result. */
export function parseMamFin(iq: Element | null | undefined): MamFin | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const fins = iq.getChildren('fin', NS_MAM);
  const fin = fins[0];
  if (fins.length !== 1 || !fin) return null;
  const complete = attr(fin, 'complete');
  const result: MamFin = { complete: complete === 'true' || complete === '1' };
  const set = fin.getChild('set', NS_RSM);
  const first = rsmText(set, 'first');
  if (first) result.first = first;
  const last = rsmText(set, 'last');
  if (last) result.last = last;
  const count = rsmText(set, 'count');
  // A count is only a hint (progress): a malformed one is left out, not fatal.
  if (count && /^\d{1,15}$/.test(count)) result.count = Number(count);
  return result;
}
