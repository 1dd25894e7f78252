import { afterEach, expect, it, vi } from 'vitest';
import { AccountDb } from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';

// A new session's set-up (roster, presence, carbons, catch-up) cut short by a dropped link is
// done when the stream comes back, even when it comes back resumed (XEP-0198): a session that
// never sent its presence gets no messages routed to it, so nothing would be acknowledged.

const ME = 'me@example.com';
let db: AccountDb | undefined;
let engine: Engine | undefined;

afterEach(() => {
  engine?.stop();
  db?.close();
});

it('a set-up cut by the link is done again when the stream is resumed', async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  const session = new FakeSession(`${ME}/parley`);
  let rosterAsks = 0;
  session.answerIq((iq) => {
    if (iq.getChild('query', 'jabber:iq:roster')) {
      rosterAsks += 1;
      // The first ask dies with the link, as a socket reset during the set-up does.
      if (rosterAsks === 1)
        return parseXml(
          `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><remote-server-timeout xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
        );
      return parseXml(
        `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster"/></iq>`,
      );
    }
    return xml('iq', { type: 'result', id: iq.attrs['id'] });
  });
  const presences = () => session.sentNamed('presence').filter((p) => !p.attrs['to']);
  engine = startEngine({ db, session, account: ME, log: () => {} });
  await vi.waitFor(() => expect(rosterAsks).toBe(1));
  // The first set-up failed with the roster: our presence never went out.
  expect(presences()).toHaveLength(0);

  session.goOffline();
  session.goOnline(true);
  // Resumed, but never set up: the roster, our presence and the catch-up follow now.
  await vi.waitFor(() => expect(presences()).toHaveLength(1), { timeout: 5000 });
  expect(rosterAsks).toBe(2);
  await vi.waitFor(
    () => expect(session.sent.some((e) => e.getChild('query', 'urn:xmpp:mam:2'))).toBe(true),
    { timeout: 5000 },
  );
});

it('a resumed stream that was set up is not set up again', async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  const session = new FakeSession(`${ME}/parley`);
  let rosterAsks = 0;
  session.answerIq((iq) => {
    if (iq.getChild('query', 'jabber:iq:roster')) rosterAsks += 1;
    return xml('iq', { type: 'result', id: iq.attrs['id'] });
  });
  const presences = () => session.sentNamed('presence').filter((p) => !p.attrs['to']);
  engine = startEngine({ db, session, account: ME, log: () => {} });
  await vi.waitFor(() => expect(presences()).toHaveLength(1), { timeout: 5000 });
  session.goOffline();
  session.goOnline(true);
  // Proof the resumed session was handled: its state is written as online again.
  await vi.waitFor(async () =>
    expect(await db?.meta.get('connection')).toMatchObject({ status: 'online' }),
  );
  expect(rosterAsks).toBe(1);
  expect(presences()).toHaveLength(1);
});
