// Seeding for the side-by-side benchmark: a roster and an archive written in Prosody's own
// file format (mod_storage_internal), then moved into SQLite with Prosody's own migrator, so the
// server answers archive queries from an indexed table, as a production server would, instead
// of parsing a 10,000-item Lua file on every query.
//
// Writing the files directly is what makes the seed fast (seconds, not minutes) and lets the
// archive's messages be spread over days, as a real history is: sent live, 10,000 messages
// would all carry the same few seconds as their time, and clients that order by time (as both
// do) would then show an arbitrary order.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const lua = (value) => JSON.stringify(String(value)); // JSON string escapes are valid Lua

/** The Lua config lines that make Prosody keep archives in SQLite (after migrateArchiveToSql). */
export const SQL_STORAGE = `default_storage = "internal"
storage = { archive = "sql" }
sql = { driver = "SQLite3", database = "bench.sqlite" }
-- Room for the seeded history plus every burst of a run (the default is 10,000 per archive).
storage_archive_item_limit = 1000000`;

/**
 * Write user@host's roster. items: [{ jid, name, groups, subscription }].
 * @param {string} dataPath Prosody's data_path (the folder with one subfolder per host)
 */
export function writeRoster(dataPath, host, user, items) {
  const dir = join(dataPath, encode(host), 'roster');
  mkdirSync(dir, { recursive: true });
  const lines = items.map(
    (c) =>
      `[${lua(c.jid)}] = { subscription = ${lua(c.subscription ?? 'both')}; ` +
      `groups = { ${(c.groups ?? []).map((g) => `[${lua(g)}] = true`).join('; ')} }; ` +
      `name = ${lua(c.name)} };`,
  );
  writeFileSync(
    join(dir, `${encode(user)}.dat`),
    `return {\n[false] = { version = 1; pending = {} };\n${lines.join('\n')}\n};\n`,
  );
}

/**
 * Write user@host's message archive (the store mod_mam reads), oldest first.
 * messages: [{ from (full JID), to, body, when (seconds since 1970), id }]; `with` is the peer's
 * bare JID as mod_mam records it. An item may instead (or also) carry a chat marker
 * (`marker: { name: 'displayed' | 'received', id }`, XEP-0333) or a receipt (`receipt: id`,
 * XEP-0184), as Prosody archives those too. `oob` (a URL) adds XEP-0066 out-of-band data, as a
 * shared file's message carries it (its body is then the same URL).
 */
export function writeArchive(dataPath, host, user, messages) {
  const dir = join(dataPath, encode(host), 'archive');
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const m of messages) {
    const stamp = new Date(m.when * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const children = [
      m.body !== undefined && `{ ${lua(m.body)}; ["name"] = "body"; ["attr"] = {}; };`,
      `{ ["name"] = "origin-id"; ["attr"] = { ["xmlns"] = "urn:xmpp:sid:0"; ["id"] = ${lua(m.id)}; }; };`,
      m.marker &&
        `{ ["name"] = ${lua(m.marker.name)}; ["attr"] = { ["xmlns"] = "urn:xmpp:chat-markers:0"; ["id"] = ${lua(m.marker.id)}; }; };`,
      m.receipt &&
        `{ ["name"] = "received"; ["attr"] = { ["xmlns"] = "urn:xmpp:receipts"; ["id"] = ${lua(m.receipt)}; }; };`,
      m.oob &&
        `{ { ${lua(m.oob)}; ["name"] = "url"; ["attr"] = {}; }; ["name"] = "x"; ["attr"] = { ["xmlns"] = "jabber:x:oob"; }; };`,
    ].filter(Boolean);
    out.push(`item({
${children.map((c) => `\t${c}`).join('\n')}
\t["with"] = ${lua(m.with)};
\t["key"] = ${lua(archiveKey())};
\t["attr"] = { ["id"] = ${lua(m.id)}; ["from"] = ${lua(m.from)}; ["to"] = ${lua(m.to)}; ["type"] = "chat"; ["stamp"] = ${lua(stamp)}; };
\t["name"] = "message";
\t["when"] = ${Math.floor(m.when)};
});
`);
  }
  writeFileSync(join(dir, `${encode(user)}.list`), out.join(''));
}

/** Move host's message archives from files into dataPath/bench.sqlite (Prosody stopped). */
export async function migrateArchiveToSql(dataDir, dataPath, host) {
  const config = join(dataDir, 'migrator.cfg.lua');
  writeFileSync(
    config,
    `-- Written by test-support/seed.mjs
local data_path = ${lua(dataPath)};
input { type = "internal"; path = data_path; hosts = { [${lua(host)}] = { "archive-archive" } } }
output { type = "sql"; driver = "SQLite3"; database = data_path .. "/bench.sqlite" }
`,
  );
  await new Promise((done, fail) =>
    execFile(
      'prosody-migrator',
      ['--config', config, '--root', 'input', 'output'],
      { cwd: dataDir, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`prosody-migrator failed: ${error.message}\n${stdout}\n${stderr}`))
          : done(),
    ),
  );
}

/** Prosody's datamanager file names: anything but [a-zA-Z0-9] is %XX-encoded. */
function encode(s) {
  return s.replace(/[^a-zA-Z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function archiveKey() {
  return [...randomBytes(24)].map((b) => KEY_CHARS[b & 63]).join('');
}
