// Types for dev/packages.mjs (plain Node ESM, so Playwright's TS files can import it).

export interface DebianPackage {
  name: string;
  /** What it is needed for, in words, shown when it is missing. */
  why: string;
}

export const BENCH_PACKAGES: DebianPackage[];
export function dpkgInstalled(name: string): boolean | undefined;
export function aptInstall(names: string[]): void;
export function ensurePackages(
  packages: DebianPackage[],
  options?: {
    installed?: (name: string) => boolean | undefined;
    isRoot?: boolean;
    install?: (names: string[]) => void;
    log?: (line: string) => void;
  },
): { ok: true; installed: string[] } | { ok: false; message: string };
