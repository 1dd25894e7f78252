// XEP-0425 message moderation: a room moderator asks the room to retract someone's message;
// the room itself then announces the retraction to everyone, from its own bare JID. Read in
// the current form (moderated:1 inside retract:1) and the earlier one (moderated:0 inside
// fasten's <apply-to/>, with retract:0), which Prosody's mod_muc_moderation sent before 2023.
// Who may moderate is the engine's check: only the room's bare JID (see engine/acts.ts).
import xml, { type Element } from '@xmpp/xml';
import { NS_FASTEN, NS_MODERATE, NS_MODERATE_0, NS_RETRACT, NS_RETRACT_0 } from './ns';
import { attr, newId, shortText } from './stanza';
import { xmlText } from './text';

export interface Moderation {
  /** The room's stanza-id of the message retracted. */
  id: string;
  /** Who moderated it, as the room says (room/nick), when it says. */
  by?: string;
  reason?: string;
}

/** The moderation a message announces, if it is one. */
export function parseModeration(el: Element): Moderation | undefined {
  const retract = el.getChild('retract', NS_RETRACT);
  const current = retract?.getChild('moderated', NS_MODERATE);
  if (retract && current) {
    const id = attr(retract, 'id');
    return id ? withDetails(id, current, retract) : undefined;
  }
  const applyTo = el.getChild('apply-to', NS_FASTEN);
  const old = applyTo?.getChild('moderated', NS_MODERATE_0);
  if (applyTo && old?.getChild('retract', NS_RETRACT_0)) {
    const id = attr(applyTo, 'id');
    return id ? withDetails(id, old, old) : undefined;
  }
  return undefined;
}

function withDetails(id: string, moderated: Element, holder: Element): Moderation {
  const m: Moderation = { id };
  const by = attr(moderated, 'by');
  if (by) m.by = by;
  const reason = shortText(holder.getChildText('reason'), 1024);
  if (reason) m.reason = reason;
  return m;
}

/** A moderator's request to `room` to retract its message `id` (the room's stanza-id). */
export function buildModerateRequest(room: string, id: string, reason?: string): Element {
  return xml(
    'iq',
    { type: 'set', to: room, id: newId() },
    xml(
      'moderate',
      { xmlns: NS_MODERATE, id },
      xml('retract', { xmlns: NS_RETRACT }),
      reason ? xml('reason', {}, xmlText(reason)) : undefined,
    ),
  );
}
