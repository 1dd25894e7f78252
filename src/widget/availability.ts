// What the shopper is told of the team's availability: from the presence of the agents in the
// shopper's room, and from the shop's opening hours when nobody is there. Pure: the panel
// passes the time and what it knows; the hours are the shop's untrusted settings, parsed here.

/** Minutes from midnight, [from, to) with to ≤ 1440, per weekday (0 = Sunday). */
export type OpeningHours = Array<Array<readonly [number, number]>>;

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MAX_HOURS = 200;

function day(s: string): number {
  return DAYS.indexOf(s.slice(0, 3) as (typeof DAYS)[number]);
}

function minutes(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/**
 * `"mon-fri 09:00-18:00; sat 10:00-14:00"`: entries split by `;` or `,`, each a day, a range of
 * days (`fri-mon` wraps) or `daily`, then one or more times. A range that ends before it starts
 * runs past midnight (`22:00-02:00`). Entries that do not parse are left out; with none left
 * the result is null: no hours, so the team is never shown as closed.
 */
export function parseHours(v: unknown): OpeningHours | null {
  if (typeof v !== 'string' || v.length > MAX_HOURS) return null;
  const week: OpeningHours = DAYS.map(() => []);
  let any = false;
  for (const entry of v.toLowerCase().split(/[;,]/)) {
    const [days, ...times] = entry.trim().split(/\s+/);
    if (!days || times.length === 0) continue;
    let list: number[];
    if (days === 'daily') list = [0, 1, 2, 3, 4, 5, 6];
    else {
      const [a, b] = days.split('-');
      const from = a ? day(a) : -1;
      const to = b === undefined ? from : day(b);
      if (from < 0 || to < 0) continue;
      list = [];
      for (let d = from; ; d = (d + 1) % 7) {
        list.push(d);
        if (d === to) break;
      }
    }
    for (const time of times) {
      const [a, b] = time.split('-');
      const from = a ? minutes(a) : null;
      const to = b ? minutes(b) : null;
      if (from === null || to === null || from === to) continue;
      for (const d of list) {
        if (from < to) week[d]?.push([from, to]);
        else {
          // Past midnight: the rest of this day, then the start of the next.
          week[d]?.push([from, 1440]);
          if (to > 0) week[(d + 1) % 7]?.push([0, to]);
        }
        any = true;
      }
    }
  }
  if (!any) return null;
  for (const ranges of week) ranges.sort((x, y) => x[0] - y[0]);
  return week;
}

/** An IANA time zone the browser knows (`Asia/Shanghai`), else null. */
export function parseTimeZone(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim() || v.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: v.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The weekday and minute of the day at `now` in `timeZone`. */
function wallClock(now: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: day(get('weekday').toLowerCase()),
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** 'open' within the hours; else when the team opens next, within a week (null: never). */
export function nextOpening(
  now: Date,
  hours: OpeningHours,
  timeZone: string,
): Date | 'open' | null {
  const { day: today, minute } = wallClock(now, timeZone);
  if ((hours[today] ?? []).some(([from, to]) => from <= minute && minute < to)) return 'open';
  for (let d = 0; d <= 7; d++) {
    for (const [from] of hours[(today + d) % 7] ?? []) {
      const ahead = d * 1440 + from - minute;
      // Whole minutes from now, so the time shown is the opening's own (a change of clocks
      // in the week between is not followed).
      if (ahead > 0) return new Date(Math.floor(now.getTime() / 60_000 + ahead) * 60_000);
    }
  }
  return null;
}

export type Availability =
  /** An agent is in the room and available. */
  | { kind: 'here' }
  /** Agents are in the room, all away or busy: `name` is one of them. */
  | { kind: 'away'; name: string }
  /** Nobody in the room yet, within opening hours (or the shop gives none). */
  | { kind: 'open' }
  /** Nobody in the room, outside opening hours: back at `opens` (null: not this week). */
  | { kind: 'closed'; opens: Date | null };

export function availability(
  now: Date,
  agents: ReadonlyArray<{ nick: string; show: string }>,
  hours: OpeningHours | null,
  timeZone: string,
): Availability {
  if (agents.some((a) => a.show === 'online' || a.show === 'chat')) return { kind: 'here' };
  const first = agents[0];
  if (first) return { kind: 'away', name: first.nick };
  if (!hours) return { kind: 'open' };
  const next = nextOpening(now, hours, timeZone);
  return next === 'open' ? { kind: 'open' } : { kind: 'closed', opens: next };
}
