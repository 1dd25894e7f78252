// For the engine's unit tests only (nothing in the app imports this).
import { vi } from 'vitest';
import type { AccountDb } from '../db';
import type { FakeSession } from '../xmpp/fake';

/**
 * Wait until `check` passes (returns, or resolves, without throwing), at most `timeoutMs`.
 * Tests wait for the state they expect instead of for a quiet period, which a loaded machine
 * stretches past any fixed wait.
 */
export function until<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 10 });
}

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
