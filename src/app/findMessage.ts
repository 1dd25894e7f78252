// "Go to the message this reply answers", when that message may not be on this device: ask
// the leader's engine to page back through the archive (a task), and wait for its answer in
// `meta.messageLookup`, which every tab can read.
import { addTask, findByWireId, getMeta, liveQuery, type MessageLookup } from '../db';
import { currentDb } from './session';

/** How long the person waits at most; a slow archive past this is "could not load". */
const WAIT_MS = 90_000;

export type FindOutcome =
  | { state: 'found'; id: string }
  | { state: 'missing' | 'failed' | 'offline' };

/** The row of the message `wireId` names in `peer`, fetched from the archive if need be. */
export async function findRepliedMessage(peer: string, wireId: string): Promise<FindOutcome> {
  const db = currentDb();
  const here = await findByWireId(db, peer, wireId);
  if (here && !here.hidden) return { state: 'found', id: here.id };
  if (here) return { state: 'missing' }; // deleted here by the person: not brought back
  // Connecting (a reload, a reconnect): the leader runs the task once it is up.
  const status = (await getMeta(db, 'connection'))?.status;
  if (status !== 'online' && status !== 'connecting') return { state: 'offline' };
  const asked = Date.now();
  const answer = new Promise<FindOutcome>((resolve) => {
    const done = (o: FindOutcome) => {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(o);
    };
    const timer = setTimeout(() => done({ state: 'failed' }), WAIT_MS);
    const sub = liveQuery(() => getMeta(db, 'messageLookup')).subscribe({
      next: (l: MessageLookup | undefined) => {
        if (!l || l.peer !== peer || l.id !== wireId || l.at < asked) return;
        if (l.state === 'found' && l.rowId) done({ state: 'found', id: l.rowId });
        else if (l.state === 'missing' || l.state === 'failed') done({ state: l.state });
      },
      error: () => done({ state: 'failed' }),
    });
  });
  const pending = await db.tasks
    .filter((t) => t.kind === 'findMessage' && t.peer === peer && t.id === wireId)
    .count();
  if (pending === 0) await addTask(db, { kind: 'findMessage', peer, id: wireId });
  return answer;
}
