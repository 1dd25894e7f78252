// Where bookmarks end up on servers that take XEP-0402's publish-options, refuse them
// (ejabberd 23.01), want the node configured first, or keep no PEP bookmarks at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, getMeta } from '../db';
import type { XmlElement as Element } from '../xmpp';
import { FakeSession, parseXml } from '../xmpp/fake';
import { XmppRequestError } from '../xmpp/session';
import { createBookmarkStore } from './bookmarks';

const ME = 'me@example.com';
const ROOM = 'team@conference.example.com';
const PUBSUB = 'http://jabber.org/protocol/pubsub';
const OWNER = 'http://jabber.org/protocol/pubsub#owner';
const PRIVATE = 'jabber:iq:private';

let db: AccountDb;
let session: FakeSession;

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
});
afterEach(() => db.close());

const error = (iq: Element, condition: string, text = '') =>
  parseXml(
    `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>${text ? `<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">${text}</text>` : ''}</error></iq>`,
  );
const result = (iq: Element, inner = '') =>
  parseXml(`<iq type="result" id="${iq.attrs['id']}">${inner}</iq>`);

const publishOf = (iq: Element) => iq.getChild('pubsub', PUBSUB)?.getChild('publish');
const optionNames = (iq: Element) =>
  (
    iq
      .getChild('pubsub', PUBSUB)
      ?.getChild('publish-options')
      ?.getChild('x')
      ?.getChildren('field') ?? []
  )
    .map((f) => f.attrs['var'] as string)
    .filter((v) => v !== 'FORM_TYPE');
const isConfigure = (iq: Element) => !!iq.getChild('pubsub', OWNER)?.getChild('configure');
const isPrivate = (iq: Element) => !!iq.getChild('query', PRIVATE);

function store() {
  return createBookmarkStore({ db, session, account: ME, log: () => {} });
}
const bookmark = { room: ROOM, autojoin: true, nick: 'me', name: 'Team' };

describe('keeping a room bookmark', () => {
  it('publishes once with XEP-0402 options where the server takes them (Prosody)', async () => {
    const s = store();
    await s.publish(bookmark);
    expect(session.sent).toHaveLength(1);
    expect(optionNames(session.sent[0] as Element)).toContain('pubsub#max_items');
    expect(s.storage).toBe('pep');
  });

  it('drops pubsub#max_items when the server calls it unknown (ejabberd 23.01)', async () => {
    session.answerIq((iq) =>
      publishOf(iq) && optionNames(iq).includes('pubsub#max_items')
        ? error(iq, 'resource-constraint', "Unknown field 'pubsub#max_items'")
        : result(iq),
    );
    const s = store();
    await s.publish(bookmark);
    const publishes = session.sent.filter((iq) => publishOf(iq));
    expect(publishes).toHaveLength(2);
    expect(optionNames(publishes[1] as Element)).toEqual([
      'pubsub#persist_items',
      'pubsub#send_last_published_item',
      'pubsub#access_model',
    ]);
    expect(s.storage).toBe('pep-lean');
    // The next save goes straight to what worked.
    session.sent = [];
    await s.publish({ ...bookmark, autojoin: false });
    expect(session.sent).toHaveLength(1);
    expect(await getMeta(db, 'lastTaskError')).toBeUndefined();
  });

  it('configures the node and publishes again on precondition-not-met (XEP-0402)', async () => {
    let configured = false;
    session.answerIq((iq) => {
      if (isConfigure(iq)) {
        configured = true;
        return result(iq);
      }
      return publishOf(iq) && !configured ? error(iq, 'precondition-not-met') : result(iq);
    });
    const s = store();
    await s.publish(bookmark);
    expect(session.sent.map((iq) => (isConfigure(iq) ? 'configure' : 'publish'))).toEqual([
      'publish',
      'configure',
      'publish',
    ]);
    const fields = session.sent[1]
      ?.getChild('pubsub', OWNER)
      ?.getChild('configure')
      ?.getChild('x')
      ?.getChildren('field')
      .map((f) => f.attrs['var']);
    expect(fields).toContain('pubsub#access_model');
    expect(s.storage).toBe('pep');
  });

  it('publishes without options, then asks for a whitelist, when every option is refused', async () => {
    session.answerIq((iq) =>
      publishOf(iq) && iq.getChild('pubsub', PUBSUB)?.getChild('publish-options')
        ? error(iq, 'bad-request')
        : result(iq),
    );
    const s = store();
    await s.publish(bookmark);
    expect(s.storage).toBe('pep-bare');
    const last = session.sent.at(-1) as Element;
    expect(isConfigure(last)).toBe(true);
    expect(
      last
        .getChild('pubsub', OWNER)
        ?.getChild('configure')
        ?.getChild('x')
        ?.getChildren('field')
        .map((f) => `${f.attrs['var']}=${f.getChildText('value')}`),
    ).toContain('pubsub#access_model=whitelist');
  });

  it('falls back to XEP-0048 private storage, keeping the rooms already there', async () => {
    let stored = `<storage xmlns="storage:bookmarks"><conference jid="old@conference.example.com" autojoin="true"><nick>me</nick></conference></storage>`;
    session.answerIq((iq) => {
      if (publishOf(iq)) return error(iq, 'feature-not-implemented');
      const q = iq.getChild('query', PRIVATE);
      if (q && iq.attrs['type'] === 'get')
        return result(iq, `<query xmlns="${PRIVATE}">${stored}</query>`);
      if (q) stored = q.getChild('storage')?.toString() ?? '';
      return result(iq);
    });
    const s = store();
    await s.publish(bookmark);
    expect(s.storage).toBe('private');
    expect(stored).toContain('jid="old@conference.example.com"');
    expect(stored).toContain(`jid="${ROOM}"`);
    // And they come back from there on the next session.
    expect((await s.fetch()).map((b) => b.room).sort()).toEqual([
      'old@conference.example.com',
      ROOM,
    ]);
  });

  it('tells the person once when nothing keeps bookmarks', async () => {
    session.answerIq((iq) =>
      publishOf(iq) || isPrivate(iq) ? error(iq, 'service-unavailable') : result(iq),
    );
    const s = store();
    await s.publish(bookmark);
    expect(s.storage).toBe('none');
    const told = await getMeta(db, 'lastTaskError');
    expect(told).toMatchObject({ kind: 'bookmarks', error: 'service-unavailable' });
    session.sent = [];
    await s.publish({ ...bookmark, room: 'other@conference.example.com' });
    expect(session.sent).toHaveLength(0);
    expect((await getMeta(db, 'lastTaskError'))?.at).toBe(told?.at);
  });

  it('does not step down when the request got no answer: the link may just be slow', async () => {
    session.request = async () => {
      throw new XmppRequestError('timeout', 'no answer');
    };
    const s = store();
    await expect(s.publish(bookmark)).rejects.toThrow();
    expect(s.storage).toBe('pep');
  });
});
