// Which of our own room exits to believe, and going back in after one we did not ask for.
//
// A reloaded page reuses its resource while the old session may linger on the server: ejabberd
// then delivers the old session's exit (unavailable, status 110) to the new one, sometimes
// before our new join is answered, sometimes after (the room really dropped the occupant when
// the old session ended). The first predates our join and is not ours; the second is a real
// exit that nobody asked for, so we join again, with backoff in case the room keeps doing it.
import type { MucPresence } from '../xmpp';

const REJOIN_FIRST_MS = 1000;
const REJOIN_MAX_MS = 5 * 60_000;
/** Exits further apart than this start the backoff over. */
const REJOIN_RESET_MS = 10 * 60_000;

export type SelfExit =
  | 'asked' // we left (or changed our mind before the answer came)
  | 'stale' // no join of ours was answered in this session yet: it predates the join
  | 'unasked' // we were in, and are out without asking or being removed: join again
  | 'removed'; // kicked, banned, removed from the members, or the room is gone

/**
 * Classify our own unavailable presence from a room. `present`: our join's self-presence
 * arrived in this session; `leaving`: the person asked to leave.
 */
export function classifySelfExit(
  p: MucPresence,
  opts: { present: boolean; leaving: boolean },
): SelfExit {
  if (opts.leaving) return 'asked';
  // 333: removed because a client of ours bounced an error, the old session of a reload:
  // a technical removal, not a moderator's decision (XEP-0045 §9.3).
  const technical = p.statusCodes.includes(333) || p.shutdown;
  if (p.banned || p.destroy || p.removedAffiliation || p.removedMembersOnly) return 'removed';
  if (p.kicked && !technical) return 'removed';
  return opts.present ? 'unasked' : 'stale';
}

/** Joins again after unasked exits, with exponential backoff and jitter per room. */
export function createRejoiner(join: (jid: string) => void) {
  const rooms = new Map<
    string,
    { timer?: ReturnType<typeof setTimeout>; tries: number; at: number }
  >();
  return {
    /** An unasked exit from `jid`: join again after a while. */
    exited(jid: string) {
      const now = Date.now();
      const last = rooms.get(jid);
      clearTimeout(last?.timer);
      const tries = last && now - last.at < REJOIN_RESET_MS ? last.tries + 1 : 0;
      const base = Math.min(REJOIN_MAX_MS, REJOIN_FIRST_MS * 2 ** tries);
      const entry: { timer?: ReturnType<typeof setTimeout>; tries: number; at: number } = {
        tries,
        at: now,
      };
      entry.timer = setTimeout(() => join(jid), base * (1 + Math.random() / 4));
      rooms.set(jid, entry);
    },
    /** The person left, or a new session joins everything anyway: no timer for `jid`. */
    cancel(jid?: string) {
      for (const [room, r] of rooms)
        if (!jid || room === jid) {
          clearTimeout(r.timer);
          r.timer = undefined;
        }
    },
    stop() {
      for (const r of rooms.values()) clearTimeout(r.timer);
      rooms.clear();
    },
  };
}
