// One unit system everywhere a size is shown (file cards, limits, errors): binary steps of
// 1024 labelled KB, MB, GB, as Windows, Android and most chat apps do. Servers set their
// limits in those units (Prosody's default is 10 * 1024 * 1024), so a 10 MiB limit reads
// "10 MB", not "10.4 MB", and a file's size is comparable with it at a glance. Here and not in
// ui/lib/format.ts (which adds the app's language) so the support widget can use it too.
const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
const STEP = 1024;

/**
 * "512 B", "1.5 KB", "5 MB", "1,024 GB" with the locale's digits and separators. With
 * `down` the last digit is rounded down, for a limit: never announce more than the real one.
 */
export function formatBytes(n: number, locale: Intl.LocalesArgument, down = false): string {
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

/** What a file card says under the name, "39.1 KB · application/pdf"; `size` in words by `fmt`. */
export function fileMeta(
  file: { size?: number; mediaType?: string },
  fmt: (n: number) => string,
): string {
  return [file.size !== undefined ? fmt(file.size) : '', file.mediaType ?? '']
    .filter(Boolean)
    .join(' · ');
}
