import { describe, expect, it } from 'vitest';
import { BENCH_PACKAGES, ensurePackages } from './packages.mjs';

/** A fake machine: the packages it has, and a record of what apt-get was asked for. */
function machine(has, { isRoot = false, aptWorks = true } = {}) {
  const have = new Set(has);
  const asked = [];
  const logs = [];
  return {
    asked,
    logs,
    opts: {
      installed: (name) => have.has(name),
      isRoot,
      install: (names) => {
        asked.push(...names);
        if (!aptWorks) throw new Error('apt-get install failed (exit 100)');
        for (const n of names) have.add(n);
      },
      log: (line) => logs.push(line),
    },
  };
}

describe('ensurePackages (npm run bench)', () => {
  it("names Prosody's SQLite driver as a bench requirement", () => {
    expect(BENCH_PACKAGES.map((p) => p.name)).toContain('lua-dbi-sqlite3');
  });

  it('does nothing when everything is there', () => {
    const m = machine(['lua-dbi-sqlite3'], { isRoot: true });
    expect(ensurePackages(BENCH_PACKAGES, m.opts)).toEqual({ ok: true, installed: [] });
    expect(m.asked).toEqual([]);
  });

  it('says what to run when the driver is missing and we are not root', () => {
    const m = machine([]);
    const r = ensurePackages(BENCH_PACKAGES, m.opts);
    expect(r.ok).toBe(false);
    expect(r.message).toContain("lua-dbi-sqlite3: Prosody's SQLite driver");
    expect(r.message).toContain(
      'Run: sudo apt-get install -y --no-install-recommends lua-dbi-sqlite3',
    );
    expect(m.asked).toEqual([]);
  });

  it('installs it as root (as after .ci/run) and says so', () => {
    const m = machine([], { isRoot: true });
    expect(ensurePackages(BENCH_PACKAGES, m.opts)).toEqual({
      ok: true,
      installed: ['lua-dbi-sqlite3'],
    });
    expect(m.asked).toEqual(['lua-dbi-sqlite3']);
    expect(m.logs.join('\n')).toMatch(/Installing with apt-get \(running as root\)/);
  });

  it('reports a failed install with the command, without throwing', () => {
    const m = machine([], { isRoot: true, aptWorks: false });
    const r = ensurePackages(BENCH_PACKAGES, m.opts);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('apt-get install failed');
    expect(r.message).toContain('Run: sudo apt-get install');
  });

  it('goes on, with a note, where dpkg cannot tell', () => {
    const m = machine([]);
    const r = ensurePackages(BENCH_PACKAGES, { ...m.opts, installed: () => undefined });
    expect(r).toEqual({ ok: true, installed: [] });
    expect(m.logs.join('\n')).toMatch(/Could not check for lua-dbi-sqlite3/);
  });
});
