// XEP-0191 blocking: the server's blocklist mirrored in `blocked` (fetched on each new session,
// kept current by pushes), and a check the engine applies to what comes in. The server already
// drops a blocked address's messages and presence; the check also covers what reaches us by
// other roads (the archive, a server without the blocklist on every path).
import { applyBlockPush, replaceBlocked } from '../db';
import {
  type BlockReport,
  bareJid,
  buildBlock,
  buildBlocklistGet,
  buildDiscoInfo,
  buildUnblock,
  domainOf,
  NS_BLOCKING,
  NS_REPORTING,
  parseBlocklistResult,
  parseDiscoInfo,
  parseIncoming,
} from '../xmpp';
import type { EngineContext } from './context';

/** How many of an address's newest messages a spam report names. */
const REPORTED_MESSAGES = 5;

export function createBlocking(ctx: EngineContext) {
  const { db, session, account } = ctx;
  /** The list in memory, for a synchronous check of each incoming stanza. */
  let blocked = new Set<string>();
  const ready = db.blocked
    .toCollection()
    .primaryKeys()
    .then((jids) => {
      blocked = new Set(jids);
    });

  /** Blocked: the full JID, its bare JID, or its domain is on the list (XEP-0191 §3.2). */
  function isBlocked(from: string): boolean {
    if (!blocked.size || !from) return false;
    const bare = bareJid(from);
    const domain = domainOf(bare);
    return blocked.has(from.toLowerCase()) || blocked.has(bare) || blocked.has(domain);
  }

  const onPush = async (iq: Parameters<Parameters<typeof session.onIq>[3]>[0]) => {
    // Trust: parseIncoming takes blocklist pushes only from our server or our bare JID.
    const r = parseIncoming(iq, { account, isRoom: () => false });
    if (r.kind !== 'blockPush') {
      ctx.log('block push refused', r.excerpt());
      return false;
    }
    await ready;
    const { action, jids } = r.push;
    if (action === 'block') for (const j of jids) blocked.add(j);
    else if (jids.length === 0) blocked.clear();
    else for (const j of jids) blocked.delete(j);
    await applyBlockPush(db, action, jids);
    return true;
  };
  const offBlock = session.onIq('set', NS_BLOCKING, 'block', onPush);
  const offUnblock = session.onIq('set', NS_BLOCKING, 'unblock', onPush);

  async function fetch() {
    await ready;
    const list = parseBlocklistResult(await session.request(buildBlocklistGet()));
    if (!list) return ctx.log('blocklist unreadable');
    blocked = new Set(list);
    await replaceBlocked(db, list);
  }

  // The push that follows confirms the change on every device, this one included; the list is
  // updated at once too, so that nothing from the address slips in between.
  async function block(jid: string, report?: 'spam') {
    await session.request(buildBlock([jid], report ? await reportOf(jid, report) : undefined));
    blocked.add(jid);
    await applyBlockPush(db, 'block', [jid]);
  }

  /** A report names the address's newest messages here, by our server's ids for them. */
  async function reportOf(jid: string, reason: 'spam'): Promise<BlockReport> {
    const newest = await db.messages
      .where('[peer+at]')
      .between([jid, Number.NEGATIVE_INFINITY], [jid, Number.POSITIVE_INFINITY])
      .reverse()
      .filter((m) => m.direction === 'in' && m.stanzaId !== undefined)
      .limit(REPORTED_MESSAGES)
      .toArray();
    return {
      reason,
      stanzaIds: newest.flatMap((m) => (m.stanzaId ? [{ id: m.stanzaId, by: account }] : [])),
    };
  }

  /** Whether our server takes reports with a block (XEP-0377); asked once per engine. */
  let reporting: Promise<boolean> | null = null;
  function canReport(): Promise<boolean> {
    reporting ??= session
      .request(buildDiscoInfo(domainOf(account)))
      .then((iq) => parseDiscoInfo(iq)?.features.includes(NS_REPORTING) ?? false)
      .catch((err: unknown) => {
        reporting = null;
        throw err;
      });
    return reporting;
  }

  async function unblock(jid: string) {
    await session.request(buildUnblock([jid]));
    blocked.delete(jid);
    await applyBlockPush(db, 'unblock', [jid]);
  }

  return {
    isBlocked,
    fetch,
    block,
    unblock,
    canReport,
    stop() {
      offBlock();
      offUnblock();
    },
  };
}
