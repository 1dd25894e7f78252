// Group chat (XEP-0045) in the engine. Filled in below; the disco reads come first.
import { bareJid, buildDiscoInfo, buildDiscoItems, parseDiscoInfo, parseDiscoItems } from '../xmpp';
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
