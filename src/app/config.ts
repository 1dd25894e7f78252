export interface RuntimeConfig {
  websocketUrl: string; // absolute ws(s):// URL, resolved from a relative one in config.json
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

export function parseConfig(raw: unknown, base: string): RuntimeConfig {
  if (!raw || typeof raw !== 'object') throw new ConfigError('config.json is not an object');
  const r = raw as Record<string, unknown>;
  const ws = r['websocketUrl'];
  const domain = r['domain'];
  if (typeof ws !== 'string' || !ws) throw new ConfigError('config.json needs "websocketUrl"');
  if (typeof domain !== 'string' || !domain) throw new ConfigError('config.json needs "domain"');
  const idle = Number(r['idleAwayMinutes'] ?? 10);
  const seconds = (key: string, dflt: number) => {
    const v = Number(r[key] ?? dflt);
    return Number.isFinite(v) && v > 0 ? v : dflt;
  };
  const cfg: RuntimeConfig = {
    websocketUrl: resolveWsUrl(ws, base),
    domain: domain.toLowerCase(),
    allowRegistration: r['allowRegistration'] !== false,
    idleAwayMinutes: Number.isFinite(idle) && idle > 0 ? idle : 10,
    reconnectMaxSeconds: seconds('reconnectMaxSeconds', 60),
    keepaliveSeconds: seconds('keepaliveSeconds', 30),
    keepaliveTimeoutSeconds: seconds('keepaliveTimeoutSeconds', 15),
    connectTimeoutSeconds: seconds('connectTimeoutSeconds', 15),
  };
  if (typeof r['boshUrl'] === 'string') cfg.boshUrl = new URL(r['boshUrl'], base).toString();
  return cfg;
}

let loaded: Promise<RuntimeConfig> | null = null;
/** config.json beside index.html: one build deploys anywhere. */
export function loadConfig(): Promise<RuntimeConfig> {
  loaded ??= fetchConfig(document.baseURI);
  return loaded;
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
  return parseConfig(raw, base);
}
