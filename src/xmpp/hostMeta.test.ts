import { describe, expect, it } from 'vitest';
import { parseHostMetaJson, parseHostMetaXml } from './hostMeta';

// The example of XEP-0156 §3.3, with the endpoints of a real deployment.
const XRD = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://web.example.com:5280/bosh" />
  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://web.example.com:443/ws" />
</XRD>`;

const JRD = JSON.stringify({
  links: [
    { rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://web.example.com:5280/bosh' },
    { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://web.example.com:443/ws' },
  ],
});

describe('XEP-0156 host-meta', () => {
  it('reads the WebSocket and BOSH endpoints from XRD and from JSON', () => {
    const both = {
      websocket: 'wss://web.example.com/ws',
      bosh: 'https://web.example.com:5280/bosh',
    };
    expect(parseHostMetaXml(XRD)).toEqual(both);
    expect(parseHostMetaJson(JRD)).toEqual(both);
  });

  it('keeps plain ws/http only on loopback', () => {
    const doc = (ws: string, bosh: string) =>
      `<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel="urn:xmpp:alt-connections:websocket" href="${ws}"/><Link rel="urn:xmpp:alt-connections:xbosh" href="${bosh}"/></XRD>`;
    expect(parseHostMetaXml(doc('ws://example.com/ws', 'http://example.com/bosh'))).toEqual({});
    expect(parseHostMetaXml(doc('ws://127.0.0.1:5280/ws', 'http://localhost:5280/bosh'))).toEqual({
      websocket: 'ws://127.0.0.1:5280/ws',
      bosh: 'http://localhost:5280/bosh',
    });
    expect(
      parseHostMetaJson(
        JSON.stringify({
          links: [{ rel: 'urn:xmpp:alt-connections:websocket', href: 'ws://[::1]:5280/ws' }],
        }),
      ),
    ).toEqual({ websocket: 'ws://[::1]:5280/ws' });
  });

  it('ignores other schemes, other relations, and what is not host-meta', () => {
    const odd = JSON.stringify({
      links: [
        { rel: 'urn:xmpp:alt-connections:websocket', href: 'javascript:alert(1)' },
        { rel: 'urn:xmpp:alt-connections:xbosh', href: 'not a url' },
        { rel: 'urn:xmpp:alt-connections:httppoll', href: 'https://example.com/poll' },
        null,
        'text',
      ],
    });
    expect(parseHostMetaJson(odd)).toEqual({});
    expect(parseHostMetaJson('<html>')).toEqual({});
    expect(parseHostMetaJson('{"links": 3}')).toEqual({});
    expect(
      parseHostMetaXml(
        '<html><Link rel="urn:xmpp:alt-connections:websocket" href="wss://x/ws"/></html>',
      ),
    ).toEqual({});
    expect(parseHostMetaXml('{"links": []}')).toEqual({});
    expect(
      parseHostMetaXml(
        `<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>${'<Link/>'.repeat(20_000)}</XRD>`,
      ),
    ).toEqual({});
  });

  it('takes the first link of each kind', () => {
    const two = JSON.stringify({
      links: [
        { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://a.example.com/ws' },
        { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://b.example.com/ws' },
      ],
    });
    expect(parseHostMetaJson(two)).toEqual({ websocket: 'wss://a.example.com/ws' });
  });
});
