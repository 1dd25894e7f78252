import { loadDiscovery } from '../engine/gateway';
export interface RuntimeConfig {
  /**
   * Absolute ws(s):// and http(s):// URLs, resolved from relative ones in config.json or found
   * by XEP-0156 discovery; after fetchConfig at least one is set.
   */
  websocketUrl?: string;
  boshUrl?: string;
  domain: string;
  allowRegistration: boolean;
  idleAwayMinutes: number;
  /** Longest wait between reconnect tries. */
  reconnectMaxSeconds: number;
  /** Quiet time before checking the link is alive, and how long to wait for the answer. */
  keepaliveSeconds: number;
  keepaliveTimeoutSeconds: number;
  /** Give up on one connection attempt after this long. */
  connectTimeoutSeconds: number;
  /**
   * The host of the shop's known customers (the support widget's setUser), where only the
   * shop's backend makes accounts: a shopper there is shown to the team as verified.
   */
  supportCustomerDomain?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Resolve a relative endpoint against the page, turning http(s) into ws(s). */
export function resolveWsUrl(url: string, base: string): string {
  const u = new URL(url, base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    throw new ConfigError(`websocketUrl must be ws(s) or a path, got ${url}`);
  return u.toString();
}

/** Resolve a relative BOSH endpoint against the page; only http(s). */
export function resolveBoshUrl(url: string, base: string): string {
  const u = new URL(url, base);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new ConfigError(`boshUrl must be http(s) or a path, got ${url}`);
  return u.toString();
}

/**
 * config.json as given. Endpoints may be left out: fetchConfig then discovers them from the
 * domain (XEP-0156).
 */
export function parseConfig(raw: unknown, base: string): RuntimeConfig {
  if (!raw || typeof raw !== 'object') throw new ConfigError('config.json is not an object');
  const r = raw as Record<string, unknown>;
  const ws = r['websocketUrl'];
  const bosh = r['boshUrl'];
  const domain = r['domain'];
  if (ws !== undefined && (typeof ws !== 'string' || !ws))
    throw new ConfigError('"websocketUrl" in config.json must be a URL or a path');
  if (bosh !== undefined && (typeof bosh !== 'string' || !bosh))
    throw new ConfigError('"boshUrl" in config.json must be a URL or a path');
  if (typeof domain !== 'string' || !domain) throw new ConfigError('config.json needs "domain"');
  const idle = Number(r['idleAwayMinutes'] ?? 10);
  const seconds = (key: string, dflt: number) => {
    const v = Number(r[key] ?? dflt);
    return Number.isFinite(v) && v > 0 ? v : dflt;
  };
  const cfg: RuntimeConfig = {
    domain: domain.toLowerCase(),
    allowRegistration: r['allowRegistration'] !== false,
    idleAwayMinutes: Number.isFinite(idle) && idle > 0 ? idle : 10,
    reconnectMaxSeconds: seconds('reconnectMaxSeconds', 60),
    keepaliveSeconds: seconds('keepaliveSeconds', 30),
    keepaliveTimeoutSeconds: seconds('keepaliveTimeoutSeconds', 15),
    connectTimeoutSeconds: seconds('connectTimeoutSeconds', 15),
  };
  const customers = r['supportCustomerDomain'];
  if (customers !== undefined) {
    if (typeof customers !== 'string' || !/^[a-z0-9.-]+$/i.test(customers))
      throw new ConfigError('"supportCustomerDomain" in config.json must be a domain');
    cfg.supportCustomerDomain = customers.toLowerCase();
  }
  if (typeof ws === 'string') cfg.websocketUrl = resolveWsUrl(ws, base);
  if (typeof bosh === 'string') cfg.boshUrl = resolveBoshUrl(bosh, base);
  return cfg;
}

let loaded: Promise<RuntimeConfig> | null = null;
/** config.json beside index.html: one build deploys anywhere. */
export function loadConfig(): Promise<RuntimeConfig> {
  if (!loaded) {
    const p = fetchConfig(configBase ?? document.baseURI);
    // A failure (offline with no copy cached yet) is not kept: the next connect attempt asks again.
    p.catch(() => {
      if (loaded === p) loaded = null;
    });
    loaded = p;
  }
  return loaded;
}

// Widget: the page is a shop's, and config.json lives beside widget.js on Parley's origin.
let configBase: string | null = null;
/** Read config.json (and resolve its relative endpoints) from `base` instead of the page. */
export function setConfigBase(base: string): void {
  if (configBase === base) return;
  configBase = base;
  loaded = null;
}

export async function fetchConfig(base: string): Promise<RuntimeConfig> {
  let res: Response;
  try {
    res = await fetch(new URL('config.json', base), { cache: 'no-cache' });
  } catch (err) {
    throw new ConfigError(`config.json could not be loaded (${String(err)})`);
  }
  if (!res.ok) throw new ConfigError(`config.json: HTTP ${res.status}`);
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON');
  }
  const cfg = parseConfig(raw, base);
  // The configured endpoints take precedence: discovery only when config.json names none.
  if (cfg.websocketUrl || cfg.boshUrl) return cfg;
  return { ...cfg, ...(await discoverEndpoints(cfg.domain, base)) };
}

/**
 * Where a domain's host-meta may be: https://DOMAIN, or plain http on loopback; and the page's
 * own origin first when it is that host (the app served beside the server, as `npm start` does).
 */
async function hostMetaOrigins(domain: string, base: string): Promise<string[]> {
  const { isLoopback } = await loadDiscovery();
  const page = new URL(base);
  const loopback = isLoopback(domain);
  const origins: string[] = [];
  // On loopback any loopback name is this machine (a page on 127.0.0.1, domain localhost).
  const sameHost = page.hostname === domain || (loopback && isLoopback(page.hostname));
  if (sameHost && (page.protocol === 'https:' || loopback)) origins.push(page.origin);
  origins.push(`${loopback ? 'http' : 'https'}://${domain}`);
  return [...new Set(origins)];
}

/** XEP-0156: the endpoints `domain` lists in its host-meta (XRD first, then JSON). */
export async function discoverEndpoints(
  domain: string,
  base: string,
): Promise<{ websocketUrl?: string; boshUrl?: string }> {
  const { isLoopback, parseHostMetaJson, parseHostMetaXml } = await loadDiscovery();
  const tried: string[] = [];
  for (const origin of await hostMetaOrigins(domain, base)) {
    for (const [path, parse] of [
      ['/.well-known/host-meta', parseHostMetaXml],
      ['/.well-known/host-meta.json', parseHostMetaJson],
    ] as const) {
      const url = `${origin}${path}`;
      tried.push(url);
      let text: string;
      try {
        const res = await fetch(url, { cache: 'no-cache' });
        // A redirect must not take discovery off TLS (loopback aside).
        const final = new URL(res.url || url);
        if (!res.ok || (final.protocol !== 'https:' && !isLoopback(final.hostname))) continue;
        text = await res.text();
      } catch {
        continue; // unreachable, or no CORS: the next place
      }
      const found = parse(text);
      if (found.websocket || found.bosh)
        return {
          ...(found.websocket ? { websocketUrl: found.websocket } : {}),
          ...(found.bosh ? { boshUrl: found.bosh } : {}),
        };
    }
  }
  throw new ConfigError(
    `config.json names no "websocketUrl" or "boshUrl", and no XMPP endpoint for ${domain} was found at ${tried.join(', ')} (XEP-0156)`,
  );
}
