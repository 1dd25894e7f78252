import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from './settings';
import { checkCredential, shopperFromApi, shopperFromSettings } from './shopper';

const ANN = 'customer-1042@customers.shop.example';
const PAGE = 'https://shop.example/p/tea';
const asked: Array<{ cookie: string | null; method: string }> = [];
const server = setupServer(
  http.post('https://shop.example/chat/credential', ({ request }) => {
    asked.push({ cookie: request.headers.get('cookie'), method: request.method });
    return HttpResponse.json({ jid: ANN, password: 'fresh-one' });
  }),
  http.post('https://shop.example/chat/other', () =>
    HttpResponse.json({ jid: 'customer-2077@customers.shop.example', password: 'x' }),
  ),
  http.post(
    'https://shop.example/chat/out',
    () => new HttpResponse('Not signed in', { status: 401 }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('who the shopper is', () => {
  it("takes a customer from the page's settings and asks the shop's own endpoint for a credential", async () => {
    const settings = parseSettings(
      [
        {
          user: ` ${ANN.toUpperCase()} `,
          userName: 'Ann Lee',
          userEmail: 'ann@example.com',
          credential: '/chat/credential',
        },
      ],
      'https://chat.example.com/widget.js',
      ['en'],
      PAGE,
    );
    const ann = shopperFromSettings(settings.user);
    expect(ann).toMatchObject({ jid: ANN, name: 'Ann Lee', email: 'ann@example.com' });
    expect(await ann?.credential()).toEqual({ jid: ANN, password: 'fresh-one' });
    expect(asked.at(-1)?.method).toBe('POST');
  });

  it('is a guest when the settings name no customer, or a credential URL off the page’s origin', () => {
    const parse = (raw: object) =>
      parseSettings([raw], 'https://chat.example.com/widget.js', ['en'], PAGE).user;
    expect(parse({})).toBeNull();
    expect(parse({ user: ANN })).toBeNull();
    expect(parse({ user: ANN, credential: 'https://evil.example/steal' })).toBeNull();
    expect(parse({ user: ANN, credential: 'javascript:alert(1)' })).toBeNull();
    expect(parse({ user: 'not an address', credential: '/chat/credential' })).toBeNull();
  });

  it('refuses a backend answer for another customer, or without a password', async () => {
    expect(() => checkCredential({ jid: ANN }, ANN)).toThrow(/vouch/);
    expect(() => checkCredential({ jid: ANN, password: 42 }, ANN)).toThrow(/vouch/);
    expect(() => checkCredential('nonsense', ANN)).toThrow(/vouch/);
    const other = shopperFromApi({ jid: ANN, credential: '/chat/other' }, PAGE);
    await expect(other?.credential()).rejects.toThrow(/vouch/);
    const out = shopperFromApi({ jid: ANN, credential: '/chat/out' }, PAGE);
    await expect(out?.credential()).rejects.toThrow(/401/);
  });

  it('checks setUser: a TypeError names what is wrong; a function credential is checked too', async () => {
    expect(() => shopperFromApi({ jid: 'nope', credential: '/c' }, PAGE)).toThrow(TypeError);
    expect(() => shopperFromApi({ jid: ANN, credential: 'https://evil.example/c' }, PAGE)).toThrow(
      /origin/,
    );
    expect(() => shopperFromApi(42 as never, PAGE)).toThrow(TypeError);
    expect(shopperFromApi(null, PAGE)).toBeNull();
    const ann = shopperFromApi(
      { jid: ANN, name: 'Ann\u0000 Lee', credential: async () => ({ jid: ANN, password: 'p' }) },
      PAGE,
    );
    expect(ann?.name).toBe('Ann Lee');
    expect(await ann?.credential()).toEqual({ jid: ANN, password: 'p' });
    const liar = shopperFromApi(
      { jid: ANN, credential: async () => ({ jid: 'someone@else.example', password: 'p' }) },
      PAGE,
    );
    await expect(liar?.credential()).rejects.toThrow(/vouch/);
  });
});
