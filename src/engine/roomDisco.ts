// Service discovery for group chat (XEP-0030 on XEP-0045): the server's room service, the
// rooms it lists, and what one room is (its name, description and features).
import type { Room } from '../db';
import {
  bareJid,
  buildDiscoInfo,
  buildDiscoItems,
  parseDiscoInfo,
  parseDiscoItems,
  roomInfo,
} from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import type { EngineContext } from './context';

/** The first item of the server that is a text conference service. */
export async function discoverMucService(ctx: EngineContext): Promise<string | null> {
  const { session } = ctx;
  const domain = bareJid(session.jid).split('@')[1] ?? '';
  const items = parseDiscoItems(await session.request(buildDiscoItems(domain))) ?? [];
  for (const item of items) {
    if (item.node) continue;
    const info = parseDiscoInfo(await session.request(buildDiscoInfo(item.jid)).catch(() => null));
    if (
      info?.identities.some((i) => i.category === 'conference' && i.type === 'text') &&
      info.features.includes('http://jabber.org/protocol/muc')
    )
      return item.jid;
  }
  return null;
}

/** The rooms a service lists (public ones), sorted by name. */
export async function roomDirectory(
  ctx: EngineContext,
  service: string,
): Promise<Array<{ jid: string; name?: string }>> {
  const items = parseDiscoItems(await ctx.session.request(buildDiscoItems(service))) ?? [];
  return items
    .filter((i) => !i.node && i.jid.includes('@'))
    .map((i) =>
      i.name ? { jid: i.jid.toLowerCase(), name: i.name } : { jid: i.jid.toLowerCase() },
    )
    .sort((a, b) => (a.name ?? a.jid).localeCompare(b.name ?? b.jid));
}

export type RoomDisco = NonNullable<Awaited<ReturnType<typeof discoRoom>>>;

/** What a room says it is; null when it does not exist (yet). */
export async function discoRoom(ctx: EngineContext, jid: string) {
  try {
    return roomInfo(parseDiscoInfo(await ctx.session.request(buildDiscoInfo(jid))));
  } catch (err) {
    if (err instanceof XmppRequestError && err.condition === 'item-not-found') return null;
    throw err;
  }
}

/** The features of a room we keep on its row. */
export function featuresOf(info: RoomDisco): Room['features'] {
  return {
    mam: info.mam,
    occupantId: info.occupantId,
    membersOnly: info.features.membersOnly,
    passwordProtected: info.features.passwordProtected,
    persistent: info.features.persistent,
    moderated: info.features.moderated,
    nonAnonymous: info.features.nonAnonymous,
    moderation: info.moderation,
  };
}
