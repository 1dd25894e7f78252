// Sizes are shown by shared/formatBytes.ts (the app: ui/lib/format.ts, in its language), in binary units.
export type SizeCheck = { ok: true } | { ok: false; limitBytes: number };

/** Whether a file fits the server's limit; no (or a nonsensical) limit means it fits. */
export function checkSize(size: number, maxFileSize?: number): SizeCheck {
  if (maxFileSize === undefined || !Number.isFinite(maxFileSize) || maxFileSize <= 0) {
    return { ok: true };
  }
  if (size <= maxFileSize) return { ok: true };
  return { ok: false, limitBytes: maxFileSize };
}

/** Downloaded and uploaded files kept for offline use, at most. */
export const MEDIA_CACHE_BYTES = 200 * 1024 * 1024;
