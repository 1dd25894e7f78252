// XEP-0424 message retraction: "delete for everyone". Sent with a body for clients that do not
// know it, marked as fallback (XEP-0428) and stored by the archive (XEP-0334 <store/>), so a
// device that comes back later still hears of it. Read in the current form (retract:1) and the
// earlier one inside <apply-to/> (fasten:0), which Converse and Conversations sent until 2023.
import xml, { type Element } from '@xmpp/xml';
import { buildFallback } from './fallback';
import { NS_FASTEN, NS_HINTS, NS_RETRACT, NS_RETRACT_0 } from './ns';
import { attr } from './stanza';
import { xmlText } from './text';

/** The id of the message this one retracts, if it is a retraction. */
export function parseRetract(el: Element): string | undefined {
  const r = el.getChild('retract', NS_RETRACT);
  const id = r && attr(r, 'id');
  if (id) return id;
  const applyTo = el.getChild('apply-to', NS_FASTEN);
  if (applyTo?.getChild('retract', NS_RETRACT_0)) return attr(applyTo, 'id') || undefined;
  return undefined;
}

/** The children of a retraction of message `id`; `fallback` is the text older clients show. */
export function buildRetractChildren(id: string, fallback: string): Element[] {
  return [
    xml('retract', { xmlns: NS_RETRACT, id }),
    buildFallback(NS_RETRACT),
    xml('body', {}, xmlText(fallback)),
    xml('store', { xmlns: NS_HINTS }),
  ];
}
