import { type Accessor, createMemo, onCleanup } from 'solid-js';

/** An object URL for a Blob, revoked when the Blob changes or the component goes. */
export function createBlobUrl(blob: Accessor<Blob | undefined>): Accessor<string | undefined> {
  return createMemo(() => {
    const b = blob();
    if (!b) return undefined;
    const url = URL.createObjectURL(b);
    onCleanup(() => URL.revokeObjectURL(url));
    return url;
  });
}

/** m:ss (or h:mm:ss) for a number of seconds. */
export function formatDuration(seconds: number | undefined): string {
  const s = seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
