// Decimal units throughout: servers advertise max-file-size in bytes and people read
// "5 MB" as 5,000,000 bytes, so 1 MB here is 1,000,000 bytes, not 1,048,576.
const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
const STEP = 1000;

export type SizeCheck = { ok: true } | { ok: false; limitMb: number; limitBytes: number };

/** Whether a file fits the server's limit; no (or a nonsensical) limit means it fits. */
export function checkSize(size: number, maxFileSize?: number): SizeCheck {
  if (maxFileSize === undefined || !Number.isFinite(maxFileSize) || maxFileSize <= 0) {
    return { ok: true };
  }
  if (size <= maxFileSize) return { ok: true };
  // Rounded down to one decimal, so we never announce a limit above the real one.
  return { ok: false, limitMb: Math.floor(maxFileSize / 100_000) / 10, limitBytes: maxFileSize };
}

/** "512 B", "1.5 KB", "5.2 MB", "1,024 GB" with the locale's digits and separators. */
export function formatBytes(n: number, locale: Intl.LocalesArgument): string {
  let value = Number.isNaN(n) || n < 0 ? 0 : n;
  let unit = 0;
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= STEP) {
    value /= STEP;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** Downloaded and uploaded files kept for offline use, at most. */
export const MEDIA_CACHE_BYTES = 200 * 1024 * 1024;
