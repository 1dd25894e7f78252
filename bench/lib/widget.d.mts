// Types for bench/lib/widget.mjs.
export interface WidgetFigures {
  /** dist/widget.js, gzip bytes. */
  loader: number;
  /** Every file fetched from Parley's origin between the launcher's click and a connected
   * panel, first visit, gzip bytes. */
  firstOpen: number;
  files: Array<{ path: string; bytes: number }>;
  /** Click → message box focused, warm cache, per run (ms). */
  usable: number[];
  /** Click → connected, the same runs (ms). */
  online: number[];
}
export function measureWidget(options: { dist: string; runs: number }): Promise<WidgetFigures>;
