import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchConfig, loadConfig, parseConfig } from './config';

const server = setupServer(
  http.get('https://chat.example.com/config.json', () =>
    HttpResponse.json({ websocketUrl: '/xmpp-websocket', domain: 'Example.COM' }),
  ),
  http.get('https://broken.example.com/config.json', () =>
    HttpResponse.text('<html>', { status: 200 }),
  ),
  // XEP-0156: an app whose config.json names only the domain.
  http.get('https://app.example.com/config.json', () =>
    HttpResponse.json({ domain: 'example.com' }),
  ),
  http.get('https://example.com/.well-known/host-meta', () =>
    HttpResponse.xml(
      `<?xml version='1.0' encoding='utf-8'?><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel="urn:xmpp:alt-connections:websocket" href="wss://xmpp.example.com/ws"/><Link rel="urn:xmpp:alt-connections:xbosh" href="https://xmpp.example.com/bosh"/></XRD>`,
    ),
  ),
  // Only JSON host-meta, and a plain-http WebSocket that must not be taken.
  http.get('https://json.example.com/config.json', () =>
    HttpResponse.json({ domain: 'jsononly.example' }),
  ),
  http.get('https://jsononly.example/.well-known/host-meta', () =>
    HttpResponse.text('Not found', { status: 404 }),
  ),
  http.get('https://jsononly.example/.well-known/host-meta.json', () =>
    HttpResponse.json({
      links: [
        { rel: 'urn:xmpp:alt-connections:websocket', href: 'ws://jsononly.example/ws' },
        { rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://jsononly.example/bosh' },
      ],
    }),
  ),
  // Configured endpoints win: host-meta here lists others.
  http.get('https://both.example.com/config.json', () =>
    HttpResponse.json({ domain: 'example.com', websocketUrl: 'wss://mine.example.com/ws' }),
  ),
  http.get('https://nothing.example.com/config.json', () =>
    HttpResponse.json({ domain: 'nothing.example' }),
  ),
  http.get('https://nothing.example/.well-known/*', () => HttpResponse.error()),
  // Loopback: the page's own origin, over plain http.
  http.get('http://localhost:8080/config.json', () => HttpResponse.json({ domain: 'localhost' })),
  http.get('http://localhost:8080/.well-known/host-meta', () =>
    HttpResponse.xml(
      `<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel="urn:xmpp:alt-connections:websocket" href="ws://localhost:8080/xmpp-websocket"/></XRD>`,
    ),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('runtime config', () => {
  it('resolves a relative websocket URL against the page, over wss on https', async () => {
    const cfg = await fetchConfig('https://chat.example.com/');
    expect(cfg).toEqual({
      websocketUrl: 'wss://chat.example.com/xmpp-websocket',
      domain: 'example.com',
      allowRegistration: true,
      idleAwayMinutes: 10,
      reconnectMaxSeconds: 60,
      keepaliveSeconds: 30,
      keepaliveTimeoutSeconds: 15,
      connectTimeoutSeconds: 15,
    });
  });
  it('keeps an absolute ws URL and refuses other schemes', () => {
    expect(
      parseConfig({ websocketUrl: 'ws://127.0.0.1:5380/xmpp-websocket', domain: 'x' }, 'http://a/')
        .websocketUrl,
    ).toBe('ws://127.0.0.1:5380/xmpp-websocket');
    expect(() => parseConfig({ websocketUrl: 'ftp://x', domain: 'x' }, 'http://a/')).toThrow(/ws/);
  });
  it("reads the known customers' domain, and refuses one that is not a domain", () => {
    const base = { websocketUrl: '/ws', domain: 'shop.example' };
    expect(
      parseConfig({ ...base, supportCustomerDomain: 'Customers.Shop.example' }, 'http://a/')
        .supportCustomerDomain,
    ).toBe('customers.shop.example');
    expect(parseConfig(base, 'http://a/').supportCustomerDomain).toBeUndefined();
    expect(() => parseConfig({ ...base, supportCustomerDomain: 'a@b/c' }, 'http://a/')).toThrow(
      /supportCustomerDomain/,
    );
  });
  it('discovers the endpoints from host-meta when config.json names only the domain', async () => {
    const cfg = await fetchConfig('https://app.example.com/');
    expect(cfg.websocketUrl).toBe('wss://xmpp.example.com/ws');
    expect(cfg.boshUrl).toBe('https://xmpp.example.com/bosh');
  });
  it('falls back to host-meta.json, and takes no plain ws:// off loopback', async () => {
    const cfg = await fetchConfig('https://json.example.com/');
    expect(cfg.websocketUrl).toBeUndefined();
    expect(cfg.boshUrl).toBe('https://jsononly.example/bosh');
  });
  it('keeps the configured endpoints over discovered ones', async () => {
    const cfg = await fetchConfig('https://both.example.com/');
    expect(cfg.websocketUrl).toBe('wss://mine.example.com/ws');
    expect(cfg.boshUrl).toBeUndefined();
  });
  it('on loopback, reads host-meta over http from the page itself', async () => {
    const cfg = await fetchConfig('http://localhost:8080/');
    expect(cfg.websocketUrl).toBe('ws://localhost:8080/xmpp-websocket');
  });
  it('says clearly when no endpoint is found', async () => {
    await expect(fetchConfig('https://nothing.example.com/')).rejects.toThrow(
      /no XMPP endpoint for nothing\.example was found at https:\/\/nothing\.example\/\.well-known\/host-meta/,
    );
  });
  it('takes a config with only a BOSH URL', () => {
    const cfg = parseConfig({ boshUrl: '/http-bind', domain: 'x' }, 'https://a.example/');
    expect(cfg.boshUrl).toBe('https://a.example/http-bind');
    expect(cfg.websocketUrl).toBeUndefined();
    expect(() => parseConfig({ boshUrl: 'ws://x/', domain: 'x' }, 'https://a/')).toThrow(/boshUrl/);
  });
  it('says which field is missing', async () => {
    expect(() => parseConfig({ websocketUrl: 'ws://x/' }, 'http://a/')).toThrow(/domain/);
    await expect(fetchConfig('https://broken.example.com/')).rejects.toThrow(/not valid JSON/);
  });

  it('asks again after a failed load: a start without network does not stay unconfigured', async () => {
    let calls = 0;
    server.use(
      http.get('https://flaky.example.com/config.json', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.error()
          : HttpResponse.json({ domain: 'flaky.example', websocketUrl: '/ws' });
      }),
    );
    const g = globalThis as { document?: unknown };
    const before = g.document;
    g.document = { baseURI: 'https://flaky.example.com/' };
    try {
      await expect(loadConfig()).rejects.toThrow(/could not be loaded/);
      await expect(loadConfig()).resolves.toMatchObject({ domain: 'flaky.example' });
      expect(calls).toBe(2);
    } finally {
      g.document = before;
    }
  });
});
