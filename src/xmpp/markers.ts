// XEP-0333 chat markers. Incoming ones (and <markable/>) are read by parseMessage.
import xml, { type Element } from '@xmpp/xml';
import { NS_HINTS, NS_MARKERS } from './ns';
import { newId } from './stanza';

export interface DisplayedOptions {
  to: string; // the peer (or room) the marked message came from
  id: string; // the marked message's id (in a room: its stanza-id by the room)
  type?: 'chat' | 'groupchat';
  /** Our id for this stanza (to match the server's acknowledgement); a new one by default. */
  stanzaId?: string;
}

/**
 * "I have displayed message `id` (and everything before it)". <store/> (XEP-0334) keeps it in
 * the archive so our other devices and the peer's catch up too.
 */
export function buildDisplayed(opts: DisplayedOptions): Element {
  const { to, id, type = 'chat' } = opts;
  return xml(
    'message',
    { to, type, id: opts.stanzaId ?? newId() },
    xml('displayed', { xmlns: NS_MARKERS, id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/**
 * "I have received message `id` and everything before it" (XEP-0333). One of these answers a
 * whole conversation caught up from the archive, where a receipt per message would flood.
 */
export function buildReceivedMarker(opts: { to: string; id: string; stanzaId?: string }): Element {
  return xml(
    'message',
    { to: opts.to, type: 'chat', id: opts.stanzaId ?? newId() },
    xml('received', { xmlns: NS_MARKERS, id: opts.id }),
  );
}
