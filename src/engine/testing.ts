// For the engine's unit tests only (nothing in the app imports this).
import { vi } from 'vitest';
import type { AccountDb, Message } from '../db';
import type { XmlElement } from '../xmpp';
import { type FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';

/**
 * Wait until `check` passes (returns, or resolves, without throwing), at most `timeoutMs`.
 * Tests wait for the state they expect instead of for a quiet period, which a loaded machine
 * stretches past any fixed wait.
 */
export function until<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 10 });
}

/** Wait until `check` answers yes (the same wait, for checks that answer yes or no). */
export function untilTrue(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  return until(async () => {
    if (!(await check())) throw new Error('not yet');
  }, timeoutMs);
}

/**
 * The engine on a fake session, with short reconnect and keepalive times, once its session's
 * setup (roster, catch-up) is over.
 */
export async function startTestEngine(
  db: AccountDb,
  session: FakeSession,
  account: string,
  log: (msg: string) => void = () => {},
): Promise<Engine> {
  const ready = sessionReady();
  const engine = startEngine({
    db,
    session,
    account,
    log,
    connectivity: { reconnectMaxMs: 50, keepaliveMs: 1000, keepaliveTimeoutMs: 500 },
    catchUpRetryMs: 20,
  });
  await ready();
  return engine;
}

/** The fake server's answer to an IQ a test does not answer itself: an empty roster, or a result. */
export function emptyAnswer(iq: XmlElement): XmlElement {
  if (iq.getChild('query', 'jabber:iq:roster'))
    return parseXml(
      `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster"/></iq>`,
    );
  return xml('iq', { type: 'result', id: iq.attrs['id'] });
}

/** A room's answer to disco#info: a conference named `name` with `features`. */
export function roomInfo(id: string | undefined, room: string, name: string, features: string[]) {
  return parseXml(
    `<iq type="result" id="${id}" from="${room}"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text" name="${name}"/>${features.map((f) => `<feature var="${f}"/>`).join('')}</query></iq>`,
  );
}

/** Is this IQ a disco#info query to `room`? */
export const asksRoomInfo = (iq: XmlElement, room: string) =>
  iq.attrs['to'] === room &&
  iq.getChild('query', 'http://jabber.org/protocol/disco#info') !== undefined;

/** Archive catch-ups finished so far in this file: the engine marks each, last of a session's setup. */
export const catchUps = () => performance.getEntriesByName('parley:mam:caught-up').length;

/** Resolves once the setup of the session that comes up next (or is coming up) is over. */
export function sessionReady(): () => Promise<void> {
  const before = catchUps();
  return async () => {
    await until(() => {
      if (catchUps() <= before) throw new Error('the session setup has not finished');
    });
  };
}

const PROBE = 'probe@example.com';
let probes = 0;

/**
 * Wait until every stanza injected so far has been handled. The engine handles incoming
 * stanzas one after another, so once a presence injected now is stored, all before it are done.
 * For asserting that something did NOT happen. (Leaves a presence of probe@example.com.)
 */
export async function handled(session: FakeSession, db: AccountDb): Promise<void> {
  const resource = `p${++probes}`;
  session.inject(`<presence from="${PROBE}/${resource}"/>`);
  await until(async () => {
    const rows = await db.presences.where('jid').equals(PROBE).toArray();
    if (!rows.some((r) => r.resource === resource)) throw new Error('probe not handled yet');
  });
}

/** A message of ours to `peer`, as the Composer queues it (its id is its origin-id). */
export const queuedMessage = (id: string, peer = 'bob@example.com'): Message => ({
  id,
  peer,
  direction: 'out',
  body: `hello ${id}`,
  at: Date.now(),
  state: 'queued',
  originId: id,
});
