// XEP-0184 message delivery receipts. Incoming ones are read by parseMessage (receiptFor).
import xml, { type Element } from '@xmpp/xml';
import { NS_RECEIPTS } from './ns';
import { newId } from './stanza';

/** The receipt for message `id`. Kept minimal: no body, no hints, never shown as a message. */
export function buildReceipt(opts: { to: string; id: string; stanzaId?: string }): Element {
  return xml(
    'message',
    { to: opts.to, id: opts.stanzaId ?? newId() },
    xml('received', { xmlns: NS_RECEIPTS, id: opts.id }),
  );
}
