import { formatBytes as sharedFormatBytes } from '../../shared/formatBytes';
import { lang } from './i18n';

// Making an Intl.DateTimeFormat costs about a millisecond (ICU loads the locale's patterns);
// using one costs microseconds. Every message row formats two times, so the formatters are
// made once per language and kind, not once per row.
type Kind = 'time' | 'dateTime' | 'full';
const OPTIONS: Record<Kind, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit' },
  dateTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  full: { dateStyle: 'full', timeStyle: 'medium' },
};
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: Kind): Intl.DateTimeFormat {
  const key = `${lang()} ${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang(), OPTIONS[kind]);
    formatters.set(key, f);
  }
  return f;
}

/** Local time of day for today, date and time before that. */
export function formatTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return formatter(sameDay ? 'time' : 'dateTime').format(d);
}

export function fullTime(ms: number): string {
  return formatter('full').format(ms);
}

/** A size in the app's language (shared/formatBytes.ts: binary units, "1.5 KB"). */
export function formatBytes(
  n: number,
  locale: Intl.LocalesArgument = lang(),
  down = false,
): string {
  return sharedFormatBytes(n, locale, down);
}

/** A server's size limit in words: formatBytes, rounded down. */
export function formatLimit(n: number, locale: Intl.LocalesArgument = lang()): string {
  return formatBytes(n, locale, true);
}
