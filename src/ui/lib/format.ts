import { lang } from './i18n';

/** Local time of day for today, date and time before that. */
export function formatTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(lang(), opts).format(d);
}

export function fullTime(ms: number): string {
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'full', timeStyle: 'medium' }).format(ms);
}
