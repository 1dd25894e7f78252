import { describe, expect, it } from 'vitest';
import { routeOf } from './rules';

const scope = 'https://chat.example.com/';
const get = (url: string, mode = 'cors') => routeOf({ url, method: 'GET', mode }, scope);

describe('service worker routing', () => {
  it('serves page loads of the app network first', () => {
    expect(get('https://chat.example.com/', 'navigate')).toBe('page');
    expect(get('https://chat.example.com/index.html', 'navigate')).toBe('page');
    expect(get('https://chat.example.com/?x=1#/chat/a@b', 'navigate')).toBe('page');
  });

  it('lets page loads of the server endpoints and plain files through', () => {
    expect(get('https://chat.example.com/file_share/abc/photo.jpg', 'navigate')).toBe('network');
    expect(get('https://chat.example.com/http-bind', 'navigate')).toBe('network');
    expect(get('https://chat.example.com/assets/index-abc.js.map', 'navigate')).toBe('network');
  });

  it('keeps config.json network first and hashed assets cache first', () => {
    expect(get('https://chat.example.com/config.json')).toBe('config');
    expect(get('https://chat.example.com/assets/index-Ab12.js')).toBe('asset');
  });

  it('touches nothing on another origin or outside the scope', () => {
    expect(get('https://cdn.example.net/assets/x.js')).toBe('network');
    expect(
      routeOf(
        { url: 'https://a.test/other/x', method: 'GET', mode: 'navigate' },
        'https://a.test/app/',
      ),
    ).toBe('network');
    expect(get('https://chat.example.com/xmpp-websocket')).toBe('network');
  });

  it('takes only POSTs to the share path, and no other method', () => {
    const post = (url: string) => routeOf({ url, method: 'POST', mode: 'navigate' }, scope);
    expect(post('https://chat.example.com/share-target')).toBe('share');
    expect(post('https://chat.example.com/http-bind')).toBe('network');
    expect(
      routeOf({ url: 'https://chat.example.com/assets/a.js', method: 'PUT', mode: 'cors' }, scope),
    ).toBe('network');
  });

  it('works under a sub-path scope', () => {
    const sub = 'https://shop.example/chat/';
    expect(
      routeOf({ url: 'https://shop.example/chat/', method: 'GET', mode: 'navigate' }, sub),
    ).toBe('page');
    expect(
      routeOf({ url: 'https://shop.example/chat/config.json', method: 'GET', mode: 'cors' }, sub),
    ).toBe('config');
    expect(
      routeOf(
        { url: 'https://shop.example/chat/share-target', method: 'POST', mode: 'navigate' },
        sub,
      ),
    ).toBe('share');
  });
});
