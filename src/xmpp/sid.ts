// XEP-0359 stanza-ids are only as good as whoever stamped them: anyone can put
// <stanza-id by='you@your-server'/> into a message they send. A server (or room) that stamps
// removes copies claiming to be by it (XEP-0359 §3), so we trust only the one `by` the archive
// we rely on, and only when that archive advertises urn:xmpp:sid:0 (or MAM): an entity that
// does not stamp does not strip forgeries either. That last check is the engine's.
import { sameBare } from '../shared/jid';
import type { ChatMessage } from './types';

/**
 * The stanza-id stamped by `by`: our own bare JID for one-to-one messages (our server's
 * archive), the room's bare JID for groupchat. Undefined when there is none, or `by` is not a
 * JID. With several by the same JID, the first (a server that stamps strips copies by itself).
 */
export function stanzaIdBy(msg: ChatMessage, by: string): string | undefined {
  return msg.stanzaIds.find((s) => sameBare(s.by, by))?.id;
}
