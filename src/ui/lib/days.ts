// Day separators in a conversation: which calendar day a message is on, and what that day is
// called, in the person's time zone and language.

const DAY_MS = 86_400_000;

/** Midnight, local time, of the day `ms` falls on. */
export function startOfDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Whole calendar days from `ms`'s day to `now`'s (a day may be 23 or 25 hours long). */
export function daysBefore(ms: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

// Making an Intl.DateTimeFormat costs about a millisecond; one per language and kind is kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, kind: 'weekday' | 'date' | 'year'): Intl.DateTimeFormat {
  const key = `${locale} ${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'weekday'
        ? { weekday: 'long' }
        : kind === 'date'
          ? { weekday: 'short', month: 'long', day: 'numeric' }
          : { year: 'numeric', month: 'long', day: 'numeric' };
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/**
 * "Today", "Yesterday", the weekday within the last week, then the date (with its year when
 * it is not this year's). A day in the future (a sender's clock ahead of ours) gets its date.
 */
export function dayLabel(
  ms: number,
  now: number,
  locale: string,
  words: { today: string; yesterday: string },
): string {
  const days = daysBefore(ms, now);
  if (days === 0) return words.today;
  if (days === 1) return words.yesterday;
  if (days > 1 && days < 7) return format(locale, 'weekday').format(ms);
  const thisYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return format(locale, thisYear && days > 0 ? 'date' : 'year').format(ms);
}

/** Milliseconds from `now` to the next local midnight: when "Today" becomes "Yesterday". */
export function untilMidnight(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - now;
}
