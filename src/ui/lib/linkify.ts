// Text is rendered as text. Only these schemes ever become links, and only after URL parsing.
const SCHEMES = new Set(['http:', 'https:', 'xmpp:', 'mailto:']);
const CANDIDATE = /\b(?:https?:\/\/|xmpp:|mailto:)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"’”。，；：！？）】」』]+$/;

export type Segment = { text: string; href?: string };

export function linkify(body: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of body.matchAll(CANDIDATE)) {
    const start = m.index ?? 0;
    let raw = m[0];
    const trail = TRAILING.exec(raw);
    if (trail) raw = raw.slice(0, raw.length - trail[0].length);
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) out.push({ text: body.slice(last, start) });
    out.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < body.length) out.push({ text: body.slice(last) });
  return out;
}

export function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    if (!SCHEMES.has(u.protocol)) return null;
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}
