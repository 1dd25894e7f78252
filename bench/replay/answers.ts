// What the replay server answers to a signed-in client's iqs: the account's roster, empty
// lists, disco, and its archive (XEP-0313) from memory. Anything else is answered
// service-unavailable and noted, so that nothing hangs and the bench can say what was asked.
import type { Element } from '@xmpp/xml';
import type { MamQuery, ReplayArchive } from './archive';
import { escapeXml as esc } from './corpus';

export const NS = {
  client: 'jabber:client',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  roster: 'jabber:iq:roster',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  mam: 'urn:xmpp:mam:2',
  rsm: 'http://jabber.org/protocol/rsm',
  data: 'jabber:x:data',
  pubsub: 'http://jabber.org/protocol/pubsub',
  blocking: 'urn:xmpp:blocking',
  carbons: 'urn:xmpp:carbons:2',
  ping: 'urn:xmpp:ping',
  vcard: 'vcard-temp',
  private: 'jabber:iq:private',
} as const;

/** The signed-in session an answer is for. */
export interface Asker {
  /** Full JID, e.g. reader@localhost/parley-1 */
  jid: string;
  bare: string;
  domain: string;
  roster: readonly string[];
  archive: ReplayArchive;
  /** Send one serialised stanza (one WebSocket frame): an archive result. */
  send(xml: string): void;
  /** An iq nobody here answers: noted for the bench's report. */
  unknown(what: string): void;
}

const SERVER_FEATURES = [
  NS.discoInfo,
  NS.discoItems,
  NS.ping,
  NS.carbons,
  NS.blocking,
  NS.roster,
  NS.vcard,
  NS.private,
];
const ACCOUNT_FEATURES = [NS.discoInfo, NS.mam, `${NS.pubsub}#publish`, `${NS.pubsub}#auto-create`];

const reply = (a: Asker, iq: Element, body = '') =>
  `<iq xmlns='${NS.client}' type='result' id='${esc(iq.attrs['id'] ?? '')}' to='${esc(a.jid)}'${
    iq.attrs['to'] ? ` from='${esc(iq.attrs['to'])}'` : ''
  }>${body}</iq>`;

export const errorReply = (a: Asker, iq: Element, condition: string, type = 'cancel') =>
  `<iq xmlns='${NS.client}' type='error' id='${esc(iq.attrs['id'] ?? '')}' to='${esc(a.jid)}'${
    iq.attrs['to'] ? ` from='${esc(iq.attrs['to'])}'` : ''
  }><error type='${type}'><${condition} xmlns='${NS.stanzas}'/></error></iq>`;

function discoInfo(identity: string, features: readonly string[], node?: string) {
  return `<query xmlns='${NS.discoInfo}'${node ? ` node='${esc(node)}'` : ''}>${identity}${features
    .map((f) => `<feature var='${f}'/>`)
    .join('')}</query>`;
}

/** The form fields and RSM set of a MAM query; null when a field cannot be read. */
export function parseMamQuery(query: Element): MamQuery | null {
  const q: MamQuery = {};
  for (const field of query.getChild('x', NS.data)?.getChildren('field') ?? []) {
    const value = field.getChildText('value') ?? '';
    const name = field.attrs['var'];
    if (name === 'with') q.with = value;
    else if (name === 'start' || name === 'end') {
      const t = Date.parse(value);
      if (Number.isNaN(t)) return null;
      q[name] = t;
    } else if (name !== 'FORM_TYPE') return null;
  }
  const set = query.getChild('set', NS.rsm);
  const max = set?.getChildText('max');
  if (max !== null && max !== undefined) {
    if (!/^\d+$/.test(max)) return null;
    q.max = Number(max);
  }
  const after = set?.getChildText('after');
  if (after) q.after = after;
  const before = set?.getChild('before');
  if (before) q.before = before.getText() || true;
  return q;
}

/** Whole seconds, as Prosody stamps its archive: messages of one second share a stamp. */
const stampOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sends the page's results; returns the query's answer (its <fin/>, or an error). */
function answerMam(a: Asker, iq: Element, query: Element): string {
  // Only our own archive: there are no rooms here.
  const to = iq.attrs['to'];
  if (to && to !== a.bare) return errorReply(a, iq, 'service-unavailable');
  const q = parseMamQuery(query);
  if (!q) return errorReply(a, iq, 'bad-request', 'modify');
  const page = a.archive.query(q);
  if ('error' in page) return errorReply(a, iq, page.error, 'cancel');
  const queryId = esc(query.attrs['queryid'] ?? '');
  for (const it of page.items) {
    a.send(
      `<message xmlns='${NS.client}' to='${esc(a.jid)}' from='${esc(a.bare)}'>` +
        `<result xmlns='${NS.mam}' queryid='${queryId}' id='${esc(it.id)}'>` +
        `<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='${stampOf(it.stamp)}'/>` +
        `${it.xml}</forwarded></result></message>`,
    );
  }
  const set =
    (page.first ? `<first>${esc(page.first)}</first>` : '') +
    (page.last ? `<last>${esc(page.last)}</last>` : '') +
    `<count>${page.count}</count>`;
  return reply(
    a,
    iq,
    `<fin xmlns='${NS.mam}'${page.complete ? ` complete='true'` : ''}><set xmlns='${NS.rsm}'>${set}</set></fin>`,
  );
}

/** The answer to one iq of type get or set from a signed-in client (archive results are sent first). */
export function answerIq(a: Asker, iq: Element): string {
  const child = iq.getChildElements()[0];
  const type = iq.attrs['type'];
  const to = iq.attrs['to'] ?? '';
  if (!child) return errorReply(a, iq, 'bad-request', 'modify');
  const ns = child.attrs['xmlns'] ?? '';
  const key = `${type} ${ns} ${child.name}`;
  const toServer = to === '' || to === a.domain;
  const toSelf = to === '' || to === a.bare;
  // Another account on this server, signed out (there is nobody else here): what its own
  // server would answer for it.
  const toOther = !toServer && !toSelf && to.endsWith(`@${a.domain}`) && !to.includes('/');
  switch (key) {
    case `get ${NS.roster} query`:
      if (!toSelf) break;
      return reply(
        a,
        iq,
        `<query xmlns='${NS.roster}'>${a.roster
          .map((jid) => `<item jid='${esc(jid)}' subscription='both'/>`)
          .join('')}</query>`,
      );
    case `get ${NS.blocking} blocklist`:
      if (!toSelf) break;
      return reply(a, iq, `<blocklist xmlns='${NS.blocking}'/>`);
    case `set ${NS.carbons} enable`:
    case `set ${NS.carbons} disable`:
    case `get ${NS.ping} ping`:
      return reply(a, iq);
    case `get ${NS.discoInfo} query`: {
      const node = child.attrs['node'];
      if (to === '' || to === a.domain)
        return reply(
          a,
          iq,
          discoInfo(`<identity category='server' type='im'/>`, SERVER_FEATURES, node),
        );
      if (to === a.bare || toOther)
        return reply(
          a,
          iq,
          discoInfo(
            `<identity category='account' type='registered'/><identity category='pubsub' type='pep'/>`,
            to === a.bare ? ACCOUNT_FEATURES : [NS.discoInfo],
            node,
          ),
        );
      break;
    }
    case `get ${NS.discoItems} query`:
      if (toServer || toSelf || toOther) return reply(a, iq, `<query xmlns='${NS.discoItems}'/>`);
      break;
    case `set ${NS.mam} query`:
      return answerMam(a, iq, child);
    case `get ${NS.pubsub} pubsub`:
      // PEP: nobody here has published anything.
      if (toSelf || toOther) return errorReply(a, iq, 'item-not-found');
      break;
    case `set ${NS.pubsub} pubsub`:
      // A publish to our own PEP: accepted, and forgotten.
      if (toSelf) return reply(a, iq);
      break;
    case `get ${NS.private} query`:
      return reply(a, iq, child.toString());
    case `get ${NS.vcard} vCard`:
      if (toSelf || toOther) return reply(a, iq, `<vCard xmlns='${NS.vcard}'/>`);
      break;
  }
  a.unknown(`${key}${to ? ` to ${to}` : ''}`);
  return errorReply(a, iq, 'service-unavailable');
}
