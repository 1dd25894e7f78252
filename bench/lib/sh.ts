// A command's output for a results file's header (git, dpkg-query), or 'unknown'.
import { execFileSync } from 'node:child_process';

export function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}
