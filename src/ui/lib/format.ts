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

// One unit system everywhere a size is shown (file cards, limits, errors): binary steps of
// 1024 labelled KB, MB, GB, as Windows, Android and most chat apps do. Servers set their
// limits in those units (Prosody's default is 10 * 1024 * 1024), so a 10 MiB limit reads
// "10 MB", not "10.4 MB", and a file's size is comparable with it at a glance.
const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
const STEP = 1024;

/**
 * "512 B", "1.5 KB", "5 MB", "1,024 GB" with the locale's digits and separators. With
 * `down` the last digit is rounded down, for a limit: never announce more than the real one.
 */
export function formatBytes(
  n: number,
  locale: Intl.LocalesArgument = lang(),
  down = false,
): string {
  let value = Number.isNaN(n) || n < 0 ? 0 : n;
  let unit = 0;
  const round = (v: number) => (down ? Math.floor(v * 10) : Math.round(v * 10)) / 10;
  while (unit < UNITS.length - 1 && round(value) >= STEP) {
    value /= STEP;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  const shown = digits === 0 ? Math.round(value) : round(value);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(shown)} ${UNITS[unit]}`;
}

/** A server's size limit in words: formatBytes, rounded down. */
export function formatLimit(n: number, locale: Intl.LocalesArgument = lang()): string {
  return formatBytes(n, locale, true);
}
