/**
 * User-timing marks on a message's way (send, out, in, stored), for the benchmark's latency
 * breakdown. Off unless the page sets `globalThis.__parleyTrace = true` before the app starts,
 * so a long-running tab does not collect marks.
 */
export function trace(name: string, id: string | undefined): void {
  if ((globalThis as { __parleyTrace?: boolean }).__parleyTrace && id)
    performance.mark(`parley:${name}`, { detail: id });
}
