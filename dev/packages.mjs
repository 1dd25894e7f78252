// Debian packages a script needs beyond what `.ci/run` installs, checked (and installed when
// running as root) the way `npm start` does for Prosody, so a missing one is said in words
// before anything starts instead of surfacing as a Prosody error deep in a run.
import { spawnSync } from 'node:child_process';

/** What `npm run bench` needs besides Prosody and Chromium. */
export const BENCH_PACKAGES = [
  {
    name: 'lua-dbi-sqlite3',
    why: "Prosody's SQLite driver: the bench keeps its 10,000 archived messages in SQLite",
  },
];

/**
 * Whether dpkg has `name` installed; undefined when that cannot be told (no dpkg: not Debian).
 * @param {string} name
 * @returns {boolean | undefined}
 */
export function dpkgInstalled(name) {
  // dpkg-query's own format syntax, not a template string.
  const format = '-f=$' + '{db:Status-Status}';
  const r = spawnSync('dpkg-query', ['-W', format, name], { encoding: 'utf8' });
  if (r.error) return undefined;
  return r.status === 0 && r.stdout.trim() === 'installed';
}

/** apt-get update, then install `names` without recommends. Throws when apt-get fails. */
export function aptInstall(names) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...names]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
  }
}

/**
 * Checks `packages`, installs the missing ones as root, and says what happened.
 * `ok: false` comes with the words to show and the command to run; nothing is thrown.
 * The lookups are parameters so a test can fake the machine.
 */
export function ensurePackages(
  packages,
  {
    installed = dpkgInstalled,
    isRoot = process.getuid?.() === 0,
    install = aptInstall,
    log = console.log,
  } = {},
) {
  const unknown = packages.filter((p) => installed(p.name) === undefined);
  const missing = packages.filter((p) => installed(p.name) === false);
  if (unknown.length) {
    log(
      `Could not check for ${unknown.map((p) => p.name).join(', ')} (no dpkg-query on this ` +
        `system). If the run fails, install the equivalent: ${unknown.map((p) => p.why).join('; ')}.`,
    );
  }
  if (missing.length === 0) return { ok: true, installed: [] };
  const names = missing.map((p) => p.name);
  const list = missing.map((p) => `  ${p.name}: ${p.why}`).join('\n');
  const command = `sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
  if (!isRoot) {
    return { ok: false, message: `Not installed:\n${list}\nRun: ${command}` };
  }
  log(`Not installed:\n${list}\nInstalling with apt-get (running as root)...`);
  try {
    install(names);
  } catch (err) {
    return { ok: false, message: `${err instanceof Error ? err.message : err}\nRun: ${command}` };
  }
  const still = names.filter((n) => installed(n) !== true);
  if (still.length) {
    return {
      ok: false,
      message: `apt-get finished but ${still.join(', ')} is still not installed.`,
    };
  }
  return { ok: true, installed: names };
}
