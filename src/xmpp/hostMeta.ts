// XEP-0156: the connection endpoints a domain lists in /.well-known/host-meta (XRD, RFC 6415)
// and /.well-known/host-meta.json. The documents come from the network: links are kept only
// when they parse as URLs of the right kind, and only over TLS unless they point at loopback.
import parse from '@xmpp/xml/lib/parse.js';
import { attr } from './stanza';

export const REL_WEBSOCKET = 'urn:xmpp:alt-connections:websocket';
export const REL_BOSH = 'urn:xmpp:alt-connections:xbosh';
const NS_XRD = 'http://docs.oasis-open.org/ns/xri/xrd-1.0';
/** A host-meta document is a few hundred bytes; anything far larger is not one. */
const MAX_DOCUMENT = 64 * 1024;

export interface Endpoints {
  websocket?: string;
  bosh?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host is this machine: plain ws/http is allowed there (development, tests). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/** `href` when it is a URL of one of `secure` schemes, or of `plain` ones on loopback. */
function endpoint(href: unknown, secure: string, plain: string): string | undefined {
  if (typeof href !== 'string') return undefined;
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return undefined;
  }
  if (u.protocol === secure || (u.protocol === plain && isLoopback(u.hostname)))
    return u.toString();
  return undefined;
}

function pick(links: Array<{ rel?: unknown; href?: unknown }>): Endpoints {
  const out: Endpoints = {};
  for (const l of links) {
    if (l.rel === REL_WEBSOCKET) out.websocket ??= endpoint(l.href, 'wss:', 'ws:');
    else if (l.rel === REL_BOSH) out.bosh ??= endpoint(l.href, 'https:', 'http:');
  }
  if (!out.websocket) delete out.websocket;
  if (!out.bosh) delete out.bosh;
  return out;
}

/** The endpoints in a host-meta XRD document; {} when it is not one. */
export function parseHostMetaXml(text: string): Endpoints {
  if (text.length > MAX_DOCUMENT) return {};
  try {
    const xrd = parse(text.replace(/^\s*<\?xml[^>]*\?>/, '').trim());
    if (xrd.name !== 'XRD' || attr(xrd, 'xmlns') !== NS_XRD) return {};
    return pick(
      xrd.getChildren('Link').map((l) => ({ rel: attr(l, 'rel'), href: attr(l, 'href') })),
    );
  } catch {
    return {};
  }
}

/** The endpoints in a host-meta.json (JRD) document; {} when it is not one. */
export function parseHostMetaJson(text: string): Endpoints {
  if (text.length > MAX_DOCUMENT) return {};
  try {
    const doc = JSON.parse(text) as { links?: unknown };
    if (!Array.isArray(doc.links)) return {};
    return pick(doc.links.filter((l): l is object => !!l && typeof l === 'object'));
  } catch {
    return {};
  }
}
