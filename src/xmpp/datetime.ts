// XEP-0082 date-times, as used by delay (XEP-0203) and idle (XEP-0319).
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** A Date for a well-formed XEP-0082 DateTime, else undefined (no lenient Date.parse guessing). */
export function parseDateTime(s: string | undefined): Date | undefined {
  const m = s === undefined ? null : DATETIME.exec(s);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const ms = Number(`${m[7] ?? ''}000`.slice(0, 3));
  const offset = (m[8] === '-' ? -1 : 1) * (n(9) * 60 + n(10));
  if (hour > 23 || minute > 59 || second > 60 || n(9) > 23 || n(10) > 59) return undefined;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined; // 2024-02-30
  d.setUTCHours(hour, minute, second, ms);
  d.setTime(d.getTime() - offset * 60_000);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** XEP-0082 DateTime in UTC, or undefined for an invalid Date. */
export function formatDateTime(d: Date): string | undefined {
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
