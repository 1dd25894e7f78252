// Our own room exits after a reload, with forged stanzas as ejabberd delivers them when a new
// page reuses the resource of a session that lingers: the old session's exit is not ours if
// it predates our join, and an exit nobody asked for is followed by a new join.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, requestJoin, requestLeave } from '../db';
import { FakeSession } from '../xmpp/fake';
import type { Engine } from '.';
import { handled, startTestEngine, untilTrue as until } from './testing';

const ME = 'me@example.com';
const ROOM = 'team@conference.example.com';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Our own presence from the room: joined, or out with the given status codes and item. */
function self(opts: { type?: 'unavailable'; codes?: number[]; item?: string } = {}) {
  const type = opts.type ? ` type="${opts.type}"` : '';
  const codes = [110, ...(opts.codes ?? [])].map((c) => `<status code="${c}"/>`).join('');
  const item =
    opts.item ?? `<item affiliation="member" role="${opts.type ? 'none' : 'participant'}"/>`;
  return `<presence from="${ROOM}/me" to="${ME}/parley"${type}><x xmlns="${MUC_USER}">${item}${codes}</x></presence>`;
}

const joinsSent = () =>
  session.sent.filter(
    (e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me` && e.attrs['type'] === undefined,
  ).length;
const status = async () => (await db.rooms.get(ROOM))?.status;

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  engine = await startTestEngine(db, session, ME);
  await requestJoin(db, { jid: ROOM, nick: 'me' });
  await until(() => joinsSent() === 1);
  session.inject(self());
  await until(async () => (await status()) === 'joined');
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  db.close();
});

/** A new stream (as after a reload): the engine joins the room again. */
async function newSession() {
  session.goOffline();
  session.sent = [];
  session.goOnline(false);
  await until(() => joinsSent() === 1);
}

describe('our own exits after a reload', () => {
  it('ignores an exit that arrives before our new join is answered', async () => {
    await newSession();
    session.inject(self({ type: 'unavailable' })); // the old session's exit
    await handled(session, db);
    expect(await status()).toBe('joining');
    session.inject(self());
    await until(async () => (await status()) === 'joined');
    expect(joinsSent()).toBe(1);
  });

  it('joins again after an exit nobody asked for, once it is in', async () => {
    session.sent = [];
    session.inject(self({ type: 'unavailable' }));
    await until(() => joinsSent() === 1);
    expect(await status()).toBe('joining');
    session.inject(self());
    await until(async () => (await status()) === 'joined');
  });

  it('joins again after a removal for an error our old session bounced (333)', async () => {
    session.sent = [];
    session.inject(
      self({
        type: 'unavailable',
        codes: [307, 333],
        item: '<item affiliation="member" role="none"><reason>sent an error message (service-unavailable)</reason></item>',
      }),
    );
    await until(() => joinsSent() === 1);
    expect(await status()).not.toBe('kicked');
  });

  it('stays out after a kick by a moderator, and shows why', async () => {
    session.sent = [];
    session.inject(
      self({
        type: 'unavailable',
        codes: [307],
        item: '<item affiliation="member" role="none"><actor nick="alice"/><reason>off topic</reason></item>',
      }),
    );
    await until(async () => (await status()) === 'kicked');
    expect(await db.rooms.get(ROOM)).toMatchObject({ reason: 'off topic', actor: 'alice' });
    // No event marks a rejoin that is never scheduled: wait past the first rejoin's delay (at
    // most 1.25 s). A late timer on a loaded machine can only let this pass, never fail it.
    await sleep(1500);
    expect(joinsSent()).toBe(0);
  });

  it('stays out after leaving when asked to', async () => {
    await requestLeave(db, ROOM);
    await until(() =>
      session.sent.some((e) => e.is('presence') && e.attrs['type'] === 'unavailable'),
    );
    session.sent = [];
    session.inject(self({ type: 'unavailable' }));
    // No event marks a rejoin that is never scheduled: wait past the first rejoin's delay (at
    // most 1.25 s). A late timer on a loaded machine can only let this pass, never fail it.
    await sleep(1500);
    expect(await status()).toBe('left');
    expect(joinsSent()).toBe(0);
  });
});
