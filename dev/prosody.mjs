// Start a private Prosody (Debian's 0.12.x) for development and end-to-end tests.
//
// The server runs in the foreground as a child process with its own config,
// data folder and loopback ports, so it never touches a system Prosody
// (which Debian's package starts on 5222/5280).

import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { supervise } from './child.mjs';

const INSTALL_HINT = 'sudo apt-get install -y prosody';
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const BIND_RETRY_MS = 5_000;

/** True when an executable called `name` is on PATH. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return true;
  }
  return false;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function portAcceptsConnections(port, timeoutMs = 500) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let settled = false;
    const finish = (ok) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      done(ok);
    };
    // A starved event loop runs expired timers before it polls for I/O, so a timeout can fire
    // with the connection already made and not yet reported: look once more before saying no.
    socket.setTimeout(timeoutMs, () => setImmediate(() => finish(false)));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

const lua = (value) => JSON.stringify(String(value)); // JSON string escapes are valid Lua

/** The text of a private prosody.cfg.lua. Exported for inspection and tests. */
export function prosodyConfig({
  dataDir,
  c2sPort,
  httpPort,
  domain,
  allowRegistration,
  quiet,
  extraConfig = '',
  hostConfig = '',
  logLevel = 'info',
  uploadUrl,
}) {
  const min = lua(logLevel);
  const log = quiet
    ? `{ { levels = { min = ${min} }, to = "file", filename = ${lua(join(dataDir, 'prosody.log'))} } }`
    : `{ { levels = { min = ${min} }, to = "console" } }`;
  return `-- Written by dev/prosody.mjs; overwritten on every start.
run_as_root = true
pidfile = ${lua(join(dataDir, 'prosody.pid'))}
data_path = ${lua(join(dataDir, 'data'))}
log = ${log}

interfaces = { "127.0.0.1" }
c2s_ports = { ${Number(c2sPort)} }
http_ports = { ${Number(httpPort)} }
https_ports = {}
http_interfaces = { "127.0.0.1" }
-- Requests whose Host header is not a configured host (127.0.0.1:PORT, or the
-- app server's host when it proxies) are routed here.
http_default_host = ${lua(domain)}

-- Loopback development server: no TLS, PLAIN allowed over ws:// and BOSH.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_websocket_secure = true
consider_bosh_secure = true

-- Only the XMPP transports; file_share keeps its own CORS rules, which allow
-- the Authorization header that upload PUTs need.
http_cors_override = {
  websocket = { enabled = true };
  bosh = { enabled = true };
}

authentication = "internal_hashed"
storage = "internal"
allow_registration = ${allowRegistration ? 'true' : 'false'}

modules_enabled = {
  "roster"; "saslauth"; "disco"; "carbons"; "pep"; "private"; "bookmarks";
  "vcard4"; "vcard_legacy"; "register"; "mam"; "smacks"; "csi_simple";
  "ping"; "time"; "version"; "uptime"; "websocket"; "bosh"; "blocklist";
  "offline"; "lastactivity";
}
modules_disabled = { "s2s" }

-- Message archive (XEP-0313): keep every one-to-one message, for everyone, forever.
-- (0.12's defaults: archive by default, expire after a week, at most 50 per page. With
-- "never", the RSM <count> is only given to queries with <max>0</max>.)
default_archive_policy = true
archive_expires_after = "never"
max_archive_query_results = 250
${extraConfig ? `\n-- extraConfig\n${extraConfig.trimEnd()}\n` : ''}
VirtualHost ${lua(domain)}
${hostConfig ? `  -- hostConfig\n${hostConfig.trimEnd()}\n` : ''}
-- The shop's known customers (the support widget's setUser): an account here is made only by
-- the shop's backend (the admin below, with XEP-0133 commands), never by the public, so its
-- address is the shop's word for who the shopper is. Their rooms live on a service only they
-- can create rooms on, so no guest can take a customer's room name first.
VirtualHost ${lua(`customers.${domain}`)}
  allow_registration = false
  modules_enabled = { "admin_adhoc" }
  admins = { ${lua(`shop@customers.${domain}`)} }
  disco_items = { { ${lua(`upload.${domain}`)}, "File sharing" } }

Component ${lua(`conference.customers.${domain}`)} "muc"
  modules_enabled = { "muc_mam" }
  restrict_room_creation = "local"

Component ${lua(`upload.${domain}`)} "http_file_share"
  -- Listing hosts replaces the default (the parent host's users): name both.
  http_file_share_access = { ${lua(domain)}, ${lua(`customers.${domain}`)} }
  http_file_share_size_limit = 10 * 1024 * 1024
  -- Chromium resolves *.localhost to loopback, so slot URLs on this host work.
  http_external_url = ${lua(uploadUrl ?? `http://upload.${domain}:${Number(httpPort)}/`)}

Component ${lua(`conference.${domain}`)} "muc"
  modules_enabled = { "muc_mam" }
`;
}

/** Run `prosodyctl --config configPath ...args`; rejects with its output on failure. */
export function prosodyctl(configPath, args) {
  return new Promise((done, reject) => {
    execFile(
      'prosodyctl',
      ['--config', configPath, ...args],
      { cwd: dirname(configPath), timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) {
          const what = `prosodyctl ${args.slice(0, 3).join(' ')}`; // never echo the password
          const how = error.killed ? 'timed out' : `exit ${error.code ?? error.signal}`;
          reject(new Error(`${what} failed (${how}):\n${stripBanner(stdout + stderr)}`.trim()));
        } else {
          done(stripBanner(stdout + stderr));
        }
      },
    );
  });
}

// Debian's Prosody prints a boxed notice about the optional lua-unbound on every
// start (and every prosodyctl run). It is harmless here: s2s is off.
const stripBanner = (text) =>
  text.replace(
    /^\*{10,}\s*\n(?:(?!\*{10,})[^\n]*\n)*?[^\n]*lua-unbound[\s\S]*?\n\*{10,}\s*\n?/m,
    '',
  );

function bannerFilter(write) {
  let partial = '';
  let banner = null;
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (/^\*{10,}\s*$/.test(line)) {
        if (banner === null) {
          banner = [line];
          continue;
        }
        banner.push(line);
        const text = banner.join('\n');
        banner = null;
        if (!text.includes('lua-unbound')) write(`${text}\n`);
        continue;
      }
      if (banner) banner.push(line);
      else write(`${line}\n`);
    }
  };
}

/** Spawn one Prosody process and wait until it has bound both ports. */
async function launch({ dataDir, configPath, c2sPort, httpPort, quiet }) {
  const output = []; // what the process printed, kept for error messages
  // The log file persists with a persistent dataDir: only read what this run appends.
  const logFile = join(dataDir, 'prosody.log');
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const newLog = () => {
    let text = output.join('');
    if (quiet && existsSync(logFile))
      text += readFileSync(logFile).subarray(logStart).toString('utf8');
    return text;
  };
  const logTail = (lines = 40) => newLog().trimEnd().split('\n').slice(-lines).join('\n');
  const child = spawn('prosody', ['-F', '--config', configPath], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = supervise(child, { graceMs: STOP_GRACE_MS });
  const { stop } = run;
  for (const stream of [child.stdout, child.stderr]) {
    const filter = bannerFilter((text) => {
      output.push(text);
      if (output.length > 200) output.splice(0, output.length - 200);
      if (!quiet) process.stderr.write(text);
    });
    stream.setEncoding('utf8');
    stream.on('data', filter);
  }

  // Ready = Prosody itself says it bound both ports (a TCP probe alone would be fooled
  // by another program on the port) and both accept connections.
  const bound = (service, port) =>
    new RegExp(`Activated service '${service}' on [^\\n]*\\]:${port}\\b`).test(newLog());
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (run.spawnError() || run.exited()) {
      const why = run.spawnError()?.message ?? `exited with ${JSON.stringify(run.exited())}`;
      throw new Error(`Prosody failed to start (${why}).\nConfig: ${configPath}\n${logTail()}`);
    }
    const portError = /Failed to open server port[^\n]*/.exec(newLog());
    if (portError) {
      await stop();
      const error = new Error(
        `Prosody could not listen: ${portError[0]}\nConfig: ${configPath}\n${logTail()}`,
      );
      error.portTaken = true;
      throw error;
    }
    const [c2sUp, httpUp] = await Promise.all([
      bound('c2s', c2sPort) && portAcceptsConnections(c2sPort),
      bound('http', httpPort) && portAcceptsConnections(httpPort),
    ]);
    if (c2sUp && httpUp) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Prosody did not accept connections on 127.0.0.1:${c2sPort} (c2s: ${c2sUp ? 'up' : 'down'}) ` +
          `and 127.0.0.1:${httpPort} (http: ${httpUp ? 'up' : 'down'}) within ${START_TIMEOUT_MS / 1000} s.\n` +
          `Config: ${configPath}\n${logTail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, stop, exited: run.ended };
}

/**
 * Start Prosody in the foreground with a private config in `dataDir`.
 * Resolves once both the c2s and the HTTP port accept TCP connections.
 * Starting again on the same dataDir and ports (after `stop()`, even with SIGKILL) keeps
 * accounts and archives; a port that is still taken is retried for up to 5 s.
 */
export async function startProsody({
  dataDir,
  c2sPort,
  httpPort,
  domain = 'localhost',
  allowRegistration = true,
  quiet = true,
  extraConfig = '',
  hostConfig = '',
  logLevel = 'info',
  uploadUrl,
}) {
  if (!onPath('prosody') || !onPath('prosodyctl')) {
    throw new Error(`Prosody is not installed (no 'prosody' on PATH). Run: ${INSTALL_HINT}`);
  }
  if (!dataDir) throw new Error('startProsody: dataDir is required');
  dataDir = resolve(dataDir);
  c2sPort = c2sPort || (await freePort());
  httpPort = httpPort || (await freePort());
  await mkdir(join(dataDir, 'data'), { recursive: true });
  await mkdir(join(dataDir, 'certs'), { recursive: true }); // else certmanager logs an error
  const configPath = join(dataDir, 'prosody.cfg.lua');
  await writeFile(
    configPath,
    prosodyConfig({
      dataDir,
      c2sPort,
      httpPort,
      domain,
      allowRegistration,
      quiet,
      extraConfig,
      hostConfig,
      logLevel,
      uploadUrl,
    }),
  );

  const firstTry = Date.now();
  let run;
  for (;;) {
    try {
      run = await launch({ dataDir, configPath, c2sPort, httpPort, quiet });
      break;
    } catch (error) {
      // A port held a moment longer after the previous process died: try again for a
      // while. A port some live program listens on, or any other failure, fails at once.
      if (!error.portTaken || Date.now() - firstTry > BIND_RETRY_MS) throw error;
      const [c2sTaken, httpTaken] = await Promise.all([
        portAcceptsConnections(c2sPort),
        portAcceptsConnections(httpPort),
      ]);
      if (c2sTaken || httpTaken) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const { child, stop, exited } = run;

  /** Create (or reset the password of) user@host (default: the domain) with prosodyctl. */
  async function register(user, password, host = domain) {
    await prosodyctl(configPath, ['register', user, host, password]);
  }

  /**
   * True when user@host exists (internal storage: data/<host>/accounts/<user>.dat, each byte
   * that is not a letter or digit written as %xx, as Prosody's datamanager does).
   */
  async function hasAccount(user, host = domain) {
    const encoded = (name) =>
      [...Buffer.from(name, 'utf8')]
        .map((b) =>
          /[A-Za-z0-9]/.test(String.fromCharCode(b))
            ? String.fromCharCode(b)
            : `%${b.toString(16).padStart(2, '0')}`,
        )
        .join('');
    return existsSync(join(dataDir, 'data', encoded(host), 'accounts', `${encoded(user)}.dat`));
  }

  return {
    server: 'prosody',
    c2sPort,
    httpPort,
    domain,
    dataDir,
    configPath,
    logPath: join(dataDir, 'prosody.log'),
    pid: child.pid,
    /** Resolves with { code, signal } when the process ends (for whatever reason). */
    exited,
    websocketUrl: `ws://127.0.0.1:${httpPort}/xmpp-websocket`,
    boshUrl: `http://127.0.0.1:${httpPort}/http-bind`,
    uploadHost: `upload.${domain}`,
    /** Where uploads go and are fetched from (the component's http_external_url). */
    uploadUrl: uploadUrl ?? `http://upload.${domain}:${Number(httpPort)}/`,
    mucHost: `conference.${domain}`,
    /** The known customers' host (see prosodyConfig) and its shop account, the one admin there. */
    customersHost: `customers.${domain}`,
    register,
    hasAccount,
    stop,
    // Prosody writes each stored item before it answers (file storage and SQL alike): a crash
    // keeps everything it acknowledged.
    crash: () => stop({ signal: 'SIGKILL' }),
  };
}
