// Widget settings come from the host page (data attributes, window.parleySettings): untrusted
// input. Every value is checked here; what fails a check falls back to its default, so a
// typo on a shop's page never breaks the widget and nothing it says reaches CSS or a URL raw.

import { type OpeningHours, parseHours, parseTimeZone } from './availability';

export type WidgetLang = 'en' | 'zh-CN' | 'zh-TW';

export interface WidgetSettings {
  /** Where widget.js, its chunks and config.json live (the Parley deployment). */
  server: string;
  /** The support team: bare JIDs invited to each shopper's room. */
  agents: string[];
  position: 'left' | 'right';
  /** Accent colour (launcher, header, own messages); the text on it is picked for contrast. */
  color: string;
  /** Empty: the catalog's default for the language. */
  title: string;
  greeting: string;
  lang: WidgetLang;
  /** Pre-chat form fields asked before the first message, in this order (empty: no form). */
  prechat: PrechatField[];
  /** A chime when the team writes and the shopper is not looking (`sound: "off"` turns it off). */
  sound: boolean;
  /** Opening hours (`hours: "mon-fri 09:00-18:00; sat 10:00-14:00"`); null: none given. */
  hours: OpeningHours | null;
  /** The zone the hours are in (`timezone: "Asia/Shanghai"`); default the shopper's own. */
  timeZone: string;
  /** "Usually replies within …" in minutes (`replyWithin: 10`); 0: not said. */
  replyWithin: number;
  /** The shop's signed-in customer (`user`, `userName`, `userEmail`, `credential`); null: a guest. */
  user: UserSettings | null;
}

/** A known customer as the page's settings give it; the credential URL is on the page's origin. */
export interface UserSettings {
  jid: string;
  name: string;
  email: string;
  credentialUrl: string;
}

/** A bare JID, lowercased; null for anything else. */
export function parseJid(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const j = v.trim().toLowerCase();
  return JID.test(j) && j.length <= 300 ? j : null;
}

/** A URL on the page's own origin (the widget POSTs to it with the shop's cookies); else null. */
export function parseSameOrigin(v: unknown, page: string): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  try {
    const u = new URL(v.trim(), page);
    return u.origin === new URL(page).origin ? u.toString() : null;
  } catch {
    return null;
  }
}

function parseUser(raw: Raw, page: string): UserSettings | null {
  const jid = parseJid(raw['user']);
  const credentialUrl = parseSameOrigin(raw['credential'], page);
  if (!jid || !credentialUrl) return null;
  return {
    jid,
    name: text(raw['userName'], MAX_TITLE),
    email: text(raw['userEmail'], MAX_TITLE),
    credentialUrl,
  };
}

export type PrechatField = 'name' | 'email' | 'order';
const PRECHAT: readonly PrechatField[] = ['name', 'email', 'order'];

/** `"name,email,order"` or `['name', 'email']`: known fields only, each once. */
export function parsePrechat(v: unknown): PrechatField[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : [];
  const out: PrechatField[] = [];
  for (const f of list) {
    const field = PRECHAT.find((p) => p === (typeof f === 'string' ? f.trim().toLowerCase() : ''));
    if (field && !out.includes(field)) out.push(field);
  }
  return out;
}

export const DEFAULT_COLOR = '#2f6fde';
const MAX_TITLE = 80;
const MAX_GREETING = 400;
const MAX_AGENTS = 20;

type Raw = Record<string, unknown>;

/** `#rgb`, `#rrggbb` (with or without alpha) only: nothing that could close a CSS value. */
export function parseColor(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const c = v.trim().toLowerCase();
  return /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(c) ? c : null;
}

/** An absolute http(s) URL, as a directory (ends with /); null for anything else. */
export function parseServer(v: unknown, base: string): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  let u: URL;
  try {
    u = new URL(v.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.search = '';
  if (!u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/[^/]*$/, '');
  return u.toString();
}

const JID = /^[^@\s/"&'<>:]+@[^@\s/"&'<>:]+$/;

export function parseAgents(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : [];
  const out = new Set<string>();
  for (const a of list) {
    const j = parseJid(a);
    if (j) out.add(j);
  }
  return [...out].slice(0, MAX_AGENTS);
}

function text(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  // Control characters (but tab and newline) would show as boxes; the rest is rendered as text.
  const clean = [...v].filter((c) => {
    const code = c.charCodeAt(0);
    return code === 9 || code === 10 || (code >= 32 && code !== 127);
  });
  return clean.join('').trim().slice(0, max);
}

export function pickWidgetLang(v: unknown, preferred: readonly string[]): WidgetLang {
  const wanted = typeof v === 'string' && v.trim() && v !== 'auto' ? [v.trim()] : [];
  for (const p of [...wanted, ...preferred]) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) return /(tw|hk|mo|hant)/.test(l) ? 'zh-TW' : 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** `data-parley-agents` → `agents`; later sources win. */
export function fromDataset(dataset: DOMStringMap | Record<string, string | undefined>): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(dataset)) {
    const m = /^parley([A-Z]\w*)$/.exec(k);
    if (m?.[1] && v !== undefined) out[m[1][0]?.toLowerCase() + m[1].slice(1)] = v;
  }
  return out;
}

export function parseSettings(
  sources: unknown[],
  scriptBase: string,
  languages: readonly string[],
  page = scriptBase,
): WidgetSettings {
  const raw: Raw = {};
  for (const s of sources) {
    if (s && typeof s === 'object' && !Array.isArray(s)) Object.assign(raw, s);
  }
  return {
    server: parseServer(raw['server'], scriptBase) ?? parseServer('./', scriptBase) ?? scriptBase,
    agents: parseAgents(raw['agents']),
    position: raw['position'] === 'left' ? 'left' : 'right',
    color: parseColor(raw['color']) ?? DEFAULT_COLOR,
    title: text(raw['title'], MAX_TITLE),
    greeting: text(raw['greeting'], MAX_GREETING),
    lang: pickWidgetLang(raw['lang'], languages),
    prechat: parsePrechat(raw['prechat']),
    sound: !['off', 'false', '0', 'no'].includes(
      String(raw['sound'] ?? '')
        .trim()
        .toLowerCase(),
    ),
    hours: parseHours(raw['hours']),
    timeZone:
      parseTimeZone(raw['timezone'] ?? raw['timeZone']) ??
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    replyWithin: parseReplyWithin(raw['replyWithin']),
    user: parseUser(raw, page),
  };
}

/** Whole minutes, 1 to a day; anything else is 0 (not said). */
function parseReplyWithin(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 1440 ? n : 0;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#000' | '#fff' {
  let h = hex.slice(1);
  if (h.length <= 4) h = [...h].map((c) => c + c).join('');
  const ch = (i: number) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4);
  return lum > 0.4 ? '#000' : '#fff';
}
