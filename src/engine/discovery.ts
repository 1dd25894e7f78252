// XEP-0156 parsers for the app's config loader, imported on demand: only a config.json
// without endpoints needs them.
export { type Endpoints, isLoopback, parseHostMetaJson, parseHostMetaXml } from '../xmpp/hostMeta';
