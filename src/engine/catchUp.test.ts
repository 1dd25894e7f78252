// What a session missed is in the archive only: the catch-up must get it, whatever happens to
// the link or to live messages around it. Found by the chaos test (e2e/chaos.spec.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, setMeta } from '../db';
import { FakeSession, parseXml } from '../xmpp/fake';
import { XmppRequestError } from '../xmpp/session';
import type { Engine } from '.';
import { LIVE_ID_EVERY_MS } from './archive';
import { emptyAnswer, sessionReady, startTestEngine, until } from './testing';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
/** The `after` of each archive query, in order. */
let queries: string[];
/** What the next archive query does: fail as on a link that goes away, fail alone, or answer. */
let nextQuery: Array<'cut' | 'fail' | 'none' | 'answer'>;
/** The server's archive beyond the last id this browser saw: [archive id, body]. */
let missed: Array<[string, string]>;

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  queries = [];
  nextQuery = [];
  missed = [['arch-1', 'said while you were away']];
  session.answerIq((iq) => {
    const q = iq.getChild('query', 'urn:xmpp:mam:2');
    if (q) {
      queries.push(q.getChild('set')?.getChildText('after') ?? '');
      const what = nextQuery.shift() ?? 'answer';
      if (what === 'cut') {
        session.goOffline();
        throw new XmppRequestError(
          'other',
          "TypeError: Cannot read properties of null (reading 'write')",
        );
      }
      if (what === 'fail') throw new XmppRequestError('timeout', 'no answer');
      if (what === 'none') throw new XmppRequestError('service-unavailable', 'no archive here');
      const after = queries.at(-1) ?? '';
      const page = missed.filter(([id]) => id > after);
      for (const [id, body] of page)
        session.inject(
          `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${q.attrs['queryid']}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:00Z"/><message xmlns="jabber:client" from="${BOB}/x" to="${ME}" type="chat" id="o-${id}"><body>${body}</body></message></forwarded></result></message>`,
        );
      const last = page.at(-1)?.[0];
      return parseXml(
        `<iq type="result" id="${iq.attrs['id']}"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm">${last ? `<last>${last}</last>` : ''}</set></fin></iq>`,
      );
    }
    return emptyAnswer(iq);
  });
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  db.close();
});

const bodies = async () => (await db.messages.toArray()).map((m) => m.body).sort();

describe('catching up with the archive', () => {
  it('a catch-up cut off by the link runs again when the session is resumed', async () => {
    await setMeta(db, 'mamLastId', 'arch-0');
    nextQuery = ['cut'];
    engine = await startTestEngine(db, session, ME);
    expect(queries).toEqual(['arch-0']);
    // The stream is resumed: nothing of the session's set-up is done again, but the catch-up is.
    const ready = sessionReady();
    session.goOnline(true);
    await ready();
    expect(queries).toEqual(['arch-0', 'arch-0']);
    expect(await bodies()).toEqual(['said while you were away']);
    expect(await db.meta.get('mamLastId')).toBe('arch-1');
  });

  it('a catch-up that fails while online is tried again', async () => {
    await setMeta(db, 'mamLastId', 'arch-0');
    nextQuery = ['fail'];
    engine = await startTestEngine(db, session, ME);
    await until(async () => expect(await bodies()).toEqual(['said while you were away']));
    expect(queries).toEqual(['arch-0', 'arch-0']);
  });

  it('a live message after a failed catch-up does not move the next one past what it missed', async () => {
    await setMeta(db, 'mamLastId', 'arch-0');
    // The archive does not answer this session, the first time or any time after.
    nextQuery = ['fail', 'fail', 'fail', 'fail'];
    engine = await startTestEngine(db, session, ME);
    // A message arrives live, newer in the archive than what was missed, and is stored.
    session.inject(
      `<message from="${BOB}/x" type="chat" id="o-live"><body>live</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="arch-2"/></message>`,
    );
    await until(async () => expect(await bodies()).toContain('live'));
    // Long enough for its id to have been written, were it to be (it must not: nothing to wait
    // for but time).
    await new Promise((r) => setTimeout(r, LIVE_ID_EVERY_MS * 3));
    expect(await db.meta.get('mamLastId')).toBe('arch-0');
    expect(queries).toEqual(['arch-0', 'arch-0', 'arch-0', 'arch-0']); // tried, and again 3 times
    // The next session asks from where this browser's copy really ends.
    session.goOffline();
    const ready = sessionReady();
    session.goOnline(false);
    await ready();
    expect(queries.at(-1)).toBe('arch-0');
    expect(await bodies()).toEqual(['live', 'said while you were away']);
    // Caught up: live ids count again.
    session.inject(
      `<message from="${BOB}/x" type="chat" id="o-live2"><body>live 2</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="arch-3"/></message>`,
    );
    await until(async () => expect(await db.meta.get('mamLastId')).toBe('arch-3'));
  });

  it('a server without an archive is asked once per session, not again and again', async () => {
    nextQuery = ['none', 'none', 'none', 'none', 'none'];
    engine = await startTestEngine(db, session, ME);
    const ready = sessionReady();
    session.goOnline(true); // resumed: nothing to catch up from, nothing asked
    session.goOffline();
    session.goOnline(false); // a new session asks once more
    await ready();
    await until(() => expect(queries).toHaveLength(2));
    // Live ids count: the next new session would start after them.
    session.inject(
      `<message from="${BOB}/x" type="chat" id="o-live"><body>live</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="arch-7"/></message>`,
    );
    await until(async () => expect(await db.meta.get('mamLastId')).toBe('arch-7'));
    expect(queries).toHaveLength(2);
  });
});
