import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchConfig, parseConfig } from './config';

const server = setupServer(
  http.get('https://chat.example.com/config.json', () =>
    HttpResponse.json({ websocketUrl: '/xmpp-websocket', domain: 'Example.COM' }),
  ),
  http.get('https://broken.example.com/config.json', () =>
    HttpResponse.text('<html>', { status: 200 }),
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
  it('says which field is missing', async () => {
    expect(() => parseConfig({ domain: 'x' }, 'http://a/')).toThrow(/websocketUrl/);
    await expect(fetchConfig('https://broken.example.com/')).rejects.toThrow(/not valid JSON/);
  });
});
