// XEP-0156 parsers for the app's config loader, imported on demand (through the gateway's
// loadDiscovery): only a config.json without endpoints needs them.
import * as hostMeta from '../xmpp/hostMeta';

/** The connection endpoints a domain's host-meta lists. */
export interface Endpoints {
  websocket?: string;
  bosh?: string;
}

export const isLoopback = (host: string): boolean => hostMeta.isLoopback(host);
export const parseHostMetaXml = (text: string): Endpoints => hostMeta.parseHostMetaXml(text);
export const parseHostMetaJson = (text: string): Endpoints => hostMeta.parseHostMetaJson(text);
