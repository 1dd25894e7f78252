// Start a private ejabberd (Debian's 23.01) for development and end-to-end tests, the same way
// dev/prosody.mjs starts Prosody: in the foreground as a child process, with its own config,
// data folder and loopback ports, so it never touches a system ejabberd (which Debian's package
// starts on 5222/5280).
//
// The Erlang VM is started directly (what `ejabberdctl foreground` runs), as the current user
// and without Erlang distribution: no epmd, no cookie, nothing listening but the two ports.
// Accounts are made through ejabberd's HTTP API, which this config opens to loopback only.

import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { supervise } from './child.mjs';
import { freePort, onPath, portAcceptsConnections } from './prosody.mjs';

const INSTALL_HINT = 'sudo apt-get install -y ejabberd && sudo service ejabberd stop';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const BIND_RETRY_MS = 5_000;
const EJABBERDCTL = '/usr/sbin/ejabberdctl';

const yaml = (value) => JSON.stringify(String(value)); // a JSON string is a YAML scalar

/** The text of a private ejabberd.yml. Exported for inspection and tests. */
export function ejabberdConfig({
  dataDir,
  c2sPort,
  httpPort,
  domain,
  allowRegistration,
  resumeSeconds = 60,
  logLevel = 'info',
  uploadUrl,
}) {
  const upload = uploadUrl ?? `http://upload.${domain}:${Number(httpPort)}/file_share`;
  const customers = `customers.${domain}`;
  const accessRules = ({ customers: forCustomers }) =>
    `  local:
    allow: local
  c2s:
    deny: blocked
    allow: all
  configure:
    ${forCustomers ? 'allow: shop' : 'deny: all'}
  muc_create:
    allow: local
  customers_only:
    allow: customers
  pubsub_createnode:
    allow: local
  trusted_network:
    allow: loopback
  register:
    ${allowRegistration && !forCustomers ? 'allow: all' : 'deny: all'}`;
  const modules = ({ customers: forCustomers }) =>
    `  mod_adhoc: {}
  mod_admin_extra: {}
  mod_avatar: {}
  mod_blocking: {}
  mod_bosh: {}
  mod_caps: {}
  mod_carboncopy: {}
  mod_client_state: {}
  mod_configure: {}
  mod_disco:${forCustomers ? `\n    extra_domains:\n      - ${yaml(`upload.${domain}`)}` : ' {}'}
  mod_http_api: {}
${
  forCustomers
    ? ''
    : `  mod_http_upload:
    host: ${yaml(`upload.${domain}`)}
    put_url: ${yaml(upload)}
    get_url: ${yaml(upload)}
    docroot: ${yaml(join(dataDir, 'upload'))}
    max_size: 10485760
    # Users of both hosts (the acl \`local\` is every local host's users).
    access: local
    custom_headers:
      "Access-Control-Allow-Origin": "*"
      "Access-Control-Allow-Methods": "GET,HEAD,PUT,OPTIONS"
      "Access-Control-Allow-Headers": "Content-Type, Authorization"
`
}  mod_last: {}
  mod_mam:
    db_type: mnesia
    default: always
    assume_mam_usage: true
  mod_muc:
    host: "conference.@HOST@"
    access:
      - allow
    access_admin: none
    access_create: ${forCustomers ? 'customers_only' : 'muc_create'}
    access_persistent: ${forCustomers ? 'customers_only' : 'muc_create'}
    access_mam:
      - allow
    default_room_options:
      mam: true
  mod_muc_admin: {}
  mod_offline:
    access_max_user_messages: max_user_offline_messages
  mod_ping: {}
  mod_privacy: {}
  mod_private: {}
  mod_pubsub:
    access_createnode: pubsub_createnode
    plugins:
      - flat
      - pep
    force_node_config:
      storage:bookmarks:
        access_model: whitelist
  mod_register:
    ip_access: trusted_network
    access: ${forCustomers ? 'none' : 'register'}
  mod_roster:
    versioning: true
  mod_stream_mgmt:
    resend_on_timeout: if_offline
    resume_timeout: ${Number(resumeSeconds)}
  mod_time: {}
  mod_vcard: {}
  mod_vcard_xupdate: {}
  mod_version:
    show_os: false`;
  return `# Written by dev/ejabberd.mjs; overwritten on every start.
loglevel: ${logLevel}
log_rotate_count: 0
# One file, never rotated (rotation with a count of 0 throws the old part away).
log_rotate_size: infinity
hosts:
  - ${yaml(domain)}
  - ${yaml(customers)}

listen:
  -
    port: ${Number(c2sPort)}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 1048576
    shaper: c2s_shaper
    access: c2s
  -
    port: ${Number(httpPort)}
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /xmpp-websocket: ejabberd_http_ws
      /http-bind: mod_bosh
      /file_share: mod_http_upload
      /api: mod_http_api

# Loopback development server: no TLS; PLAIN is allowed without it.
disable_sasl_mechanisms:
  - "digest-md5"
  - "X-OAUTH2"
auth_password_format: scram
# In-band registration from one address, as often as the tests sign up (the default is once
# per address every 600 s).
registration_timeout: infinity

acl:
  local:
    user_regexp: ""
  loopback:
    ip:
      - 127.0.0.0/8
      - ::1/128
  shop:
    user:
      - ${yaml(`shop@${customers}`)}
  # The shop's known customers: their accounts are made only by the shop's backend
  # (XEP-0133, as shop@), never by in-band registration.
  customers:
    server: ${yaml(customers)}

access_rules:
${accessRules({ customers: false })}

# Accounts for tests and the demo are made over HTTP from loopback (POST /api/register).
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"
  "loopback accounts":
    from:
      - mod_http_api
    who:
      ip: 127.0.0.1/8
    what:
      - "register"
      - "change_password"
      - "check_account"
      - "status"
      - "join_cluster"
      - "list_cluster"
      - "user_sessions_info"

shaper:
  fast: 1000000

shaper_rules:
  max_user_sessions: 10
  max_user_offline_messages: 5000
  c2s_shaper: fast

modules:
${modules({ customers: false })}
# The shop's known customers (see dev/prosody.mjs). A host's own lists replace the global ones:
# the same modules, less the upload service (the main host's serves them, and disco names it),
# with registration off and rooms made only by the customers themselves; the same access rules,
# but the shop's backend may run the admin commands (XEP-0133) here, and only here.
host_config:
  ${yaml(customers)}:
    access_rules:
${accessRules({ customers: true }).replace(/^/gm, '    ')}
    modules:
${modules({ customers: true }).replace(/^/gm, '    ')}
`;
}

/** True when Debian's ejabberd (its Erlang VM and ejabberdctl) is installed. */
export function ejabberdInstalled() {
  return onPath('erl') && existsSync(EJABBERDCTL);
}

/** Where Debian's ejabberd keeps its Erlang applications (read from ejabberdctl). */
function erlLibs() {
  const text = existsSync(EJABBERDCTL) ? readFileSync(EJABBERDCTL, 'utf8') : '';
  return /^ERL_LIBS='([^']+)'/m.exec(text)?.[1] ?? '/usr/lib/x86_64-linux-gnu';
}

/** Spawn one ejabberd and wait until it says it started and both ports accept connections. */
async function launch({ dataDir, configPath, c2sPort, httpPort, quiet, node, cookie }) {
  const logFile = join(dataDir, 'logs', 'ejabberd.log');
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const output = [];
  const newLog = () =>
    output.join('') +
    (existsSync(logFile) ? readFileSync(logFile).subarray(logStart).toString('utf8') : '');
  const logTail = (lines = 40) => newLog().trimEnd().split('\n').slice(-lines).join('\n');
  const spool = join(dataDir, 'spool');
  const child = spawn(
    'erl',
    [
      '-noinput',
      // A cluster node: Erlang distribution on loopback only (epmd too), with the cluster's
      // cookie. Without `node`, no distribution at all.
      ...(node
        ? [
            '-sname',
            node,
            '-setcookie',
            cookie,
            '-kernel',
            'inet_dist_use_interface',
            '{127,0,0,1}',
          ]
        : []),
      '+K',
      'true',
      // No busy-waiting schedulers: on a machine whose cores are all busy (CI beside other
      // work, the browser and the other server), spinning schedulers starve each other and a
      // start that takes 2.5 s took over 30.
      '+sbwt',
      'none',
      '+sbwtdcpu',
      'none',
      '+sbwtdio',
      'none',
      '+P',
      '250000',
      '-mnesia',
      'dir',
      JSON.stringify(spool),
      // The logger starts before the config is read (ejabberdctl passes these the same way).
      '-ejabberd',
      'log_rotate_count',
      '0',
      'log_rotate_size',
      'infinity',
      '-s',
      'ejabberd',
    ],
    {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        EJABBERD_CONFIG_PATH: configPath,
        EJABBERD_LOG_PATH: logFile,
        ERL_LIBS: erlLibs(),
        ERL_CRASH_DUMP_BYTES: '0',
        ERL_EPMD_ADDRESS: '127.0.0.1',
        HOME: dataDir,
      },
    },
  );
  const run = supervise(child, { graceMs: STOP_GRACE_MS });
  const { stop } = run; // the VM stops cleanly on SIGTERM (init:stop)
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      output.push(text);
      if (output.length > 200) output.splice(0, output.length - 200);
      if (!quiet) process.stderr.write(text);
    });
  }

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (run.exited()) {
      const error = new Error(
        `ejabberd failed to start (exited with ${JSON.stringify(run.exited())}).\nConfig: ${configPath}\n${logTail()}`,
      );
      error.portTaken = /eaddrinuse/i.test(newLog());
      throw error;
    }
    if (/eaddrinuse/i.test(newLog())) {
      await stop({ signal: 'SIGKILL' });
      const error = new Error(`ejabberd could not listen.\nConfig: ${configPath}\n${logTail()}`);
      error.portTaken = true;
      throw error;
    }
    if (/ejabberd [\w.-]+ is started in the node/.test(newLog())) {
      const [c2sUp, httpUp] = await Promise.all([
        portAcceptsConnections(c2sPort),
        portAcceptsConnections(httpPort),
      ]);
      if (c2sUp && httpUp) break;
    }
    if (Date.now() > deadline) {
      await stop({ signal: 'SIGKILL' });
      throw new Error(
        `ejabberd did not start within ${START_TIMEOUT_MS / 1000} s.\nConfig: ${configPath}\n${logTail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, stop, exited: run.ended };
}

/**
 * Create user@host, or set its password when the account exists (as `prosodyctl register`
 * does), through the HTTP API of the ejabberd on 127.0.0.1:httpPort (open to loopback only).
 */
export async function ejabberdRegister(httpPort, user, password, host) {
  const call = async (command, args) => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/api/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { ok: response.ok, text: await response.text() };
  };
  const made = await call('register', { user, host, password });
  if (made.ok) return;
  if (/already registered|conflict/i.test(made.text)) {
    const changed = await call('change_password', { user, host, newpass: password });
    if (changed.ok) return;
    throw new Error(`ejabberd change_password ${user}@${host} failed: ${changed.text}`);
  }
  throw new Error(`ejabberd register ${user}@${host} failed: ${made.text}`);
}

/**
 * Start ejabberd in the foreground with a private config in `dataDir`; the same shape as
 * startProsody's answer. Starting again on the same dataDir and ports keeps accounts and
 * archives.
 */
export async function startEjabberd({
  dataDir,
  c2sPort,
  httpPort,
  domain = 'localhost',
  allowRegistration = true,
  quiet = true,
  logLevel = 'info',
  resumeSeconds = 60,
  uploadUrl,
  node,
  cookie = 'parley-dev',
}) {
  if (!ejabberdInstalled()) {
    throw new Error(`ejabberd is not installed. Run: ${INSTALL_HINT}`);
  }
  if (!dataDir) throw new Error('startEjabberd: dataDir is required');
  dataDir = resolve(dataDir);
  c2sPort = c2sPort || (await freePort());
  httpPort = httpPort || (await freePort());
  for (const sub of ['spool', 'logs', 'upload']) {
    await mkdir(join(dataDir, sub), { recursive: true });
  }
  const configPath = join(dataDir, 'ejabberd.yml');
  const upload = uploadUrl ?? `http://upload.${domain}:${Number(httpPort)}/file_share`;
  await writeFile(
    configPath,
    ejabberdConfig({
      dataDir,
      c2sPort,
      httpPort,
      domain,
      allowRegistration,
      resumeSeconds,
      logLevel,
      uploadUrl: upload,
    }),
  );

  const firstTry = Date.now();
  let run;
  for (;;) {
    try {
      run = await launch({ dataDir, configPath, c2sPort, httpPort, quiet, node, cookie });
      break;
    } catch (error) {
      if (!error.portTaken || Date.now() - firstTry > BIND_RETRY_MS) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const { child, stop, exited } = run;

  /** Create user@host (default: the domain), or set its password, through the HTTP API. */
  const register = (user, password, host = domain) =>
    ejabberdRegister(httpPort, user, password, host);

  /** True when user@host exists. */
  async function hasAccount(user, host = domain) {
    const response = await fetch(`http://127.0.0.1:${httpPort}/api/check_account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, host }),
    });
    if (!response.ok) throw new Error(`ejabberd check_account failed: ${await response.text()}`);
    return (await response.text()).trim() === '0';
  }

  return {
    server: 'ejabberd',
    c2sPort,
    httpPort,
    domain,
    dataDir,
    configPath,
    logPath: join(dataDir, 'logs', 'ejabberd.log'),
    pid: child.pid,
    exited,
    websocketUrl: `ws://127.0.0.1:${httpPort}/xmpp-websocket`,
    boshUrl: `http://127.0.0.1:${httpPort}/http-bind`,
    uploadHost: `upload.${domain}`,
    uploadUrl: upload,
    mucHost: `conference.${domain}`,
    customersHost: `customers.${domain}`,
    register,
    hasAccount,
    stop,
    /**
     * SIGKILL once Mnesia's transaction log is on disk. Mnesia writes its log through a cache
     * that is flushed every 2 s or so: an account made 0.1 s or 1 s before a bare SIGKILL was
     * gone after the restart, one made 2.5 s before was kept; made and synced (rpc to
     * mnesia:sync_log) just before a kill -9, it was kept (by hand, idle). A crash test means to
     * test the client, not that window (deployments that must keep it use ejabberd's SQL
     * storage), so it syncs the log first: through Erlang distribution, hence `node`.
     */
    async crash() {
      if (!node)
        throw new Error('crash() syncs Mnesia over Erlang distribution: start with `node`');
      const synced = await ejabberdRpc(node, cookie, 'mnesia', 'sync_log');
      if (synced !== 'ok') throw new Error(`mnesia:sync_log() on ${node} answered ${synced}`);
      await stop({ signal: 'SIGKILL' });
    },
  };
}

/**
 * Call `module:fun(args)` on a running cluster node (`args` in Erlang syntax), from a hidden
 * Erlang node of our own with the cluster's cookie (what ejabberdctl does). Resolves with the
 * answer as Erlang prints it. Not through the HTTP API: joining a cluster restarts ejabberd,
 * which ends the HTTP request that asked for it, and the join with it.
 */
export function ejabberdRpc(node, cookie, module, fun, args = '[]') {
  return new Promise((done, reject) => {
    execFile(
      'erl',
      [
        '-sname',
        `parley-ctl-${process.pid}-${Math.random().toString(36).slice(2, 8)}@localhost`,
        '-setcookie',
        cookie,
        '-hidden',
        '-noshell',
        '-eval',
        `R = rpc:call('${node}', ${module}, ${fun}, ${args}), io:format("~p~n", [R]), init:stop().`,
      ],
      { env: { ...process.env, ERL_EPMD_ADDRESS: '127.0.0.1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`rpc ${module}:${fun} on ${node} failed: ${stderr || error.message}`));
        else done(stdout.trim());
      },
    );
  });
}

/**
 * A cluster of ejabberd nodes on loopback (ejabberd's own clustering: Erlang distribution and
 * one Mnesia database, replicated), each with its own ports and data folder under `dataDir`.
 * The first node starts alone; each other one joins it (`join_cluster`). A node stopped and
 * started again on its folder finds the cluster again by itself.
 */
export async function startEjabberdCluster({ dataDir, nodes = 2, cookie, ...options }) {
  const clusterCookie = cookie ?? `parley-${Math.random().toString(36).slice(2)}`;
  const tag = Math.random().toString(36).slice(2, 8);
  const names = Array.from({ length: nodes }, (_, i) => `parley${i + 1}-${tag}@localhost`);
  const settings = [];
  const running = [];
  try {
    for (const [i, node] of names.entries()) {
      const nodeOptions = {
        ...options,
        dataDir: join(dataDir, `node${i + 1}`),
        c2sPort: await freePort(),
        httpPort: await freePort(),
        node,
        cookie: clusterCookie,
      };
      settings.push(nodeOptions);
      running.push(await startEjabberd(nodeOptions));
      if (i > 0) {
        const answer = await ejabberdRpc(
          names[i],
          clusterCookie,
          'ejabberd_admin',
          'join_cluster',
          `[<<"${names[0]}">>]`,
        );
        if (answer !== 'ok') throw new Error(`${names[i]} could not join ${names[0]}: ${answer}`);
      }
    }
  } catch (error) {
    for (const server of running) await server?.stop();
    throw error;
  }
  return {
    names,
    cookie: clusterCookie,
    /** The running node objects (null for a stopped one). */
    nodes: running,
    /** The cluster's members as node `i` sees them, e.g. ['parley1-x@localhost', ...]. */
    async members(i = 0) {
      const text = await ejabberdRpc(names[i], clusterCookie, 'ejabberd_admin', 'list_cluster');
      return [...text.matchAll(/'?([\w-]+@localhost)'?/g)].map((m) => m[1]).sort();
    },
    /** Stop node `i` (SIGTERM, or SIGKILL for a crash). */
    async stopNode(i, stopOptions) {
      const server = running[i];
      running[i] = null;
      await server?.stop(stopOptions);
    },
    /** Start node `i` again on its folder and ports; it rejoins the cluster by itself. */
    async startNode(i) {
      if (running[i]) return;
      running[i] = await startEjabberd(settings[i]);
    },
    async stop() {
      for (const [i, server] of running.entries()) {
        running[i] = null;
        await server?.stop();
      }
    },
  };
}
