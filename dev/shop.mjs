// A small demo shop on its own origin that embeds the support widget with one tag, served
// with a strict Content-Security-Policy header (no 'unsafe-inline', no 'unsafe-eval'), as a
// careful shop would. Used by `npm start` and the end-to-end tests.
//
//   /                  the shop's front page
//   /p/<product>       product pages
//   /hostile/          a page whose stylesheet attacks everything (all: unset, hidden
//                      buttons, a full-page layer at the top z-index)
//   /orders            the shopper's orders ("Ask about this order": shareOrder)
//   /login, /logout    a demo sign-in (no passwords: pick a customer); signed-in pages tell the
//                      widget who the shopper is (data-parley-user)
//   /chat/credential   POST: the signed-in customer's chat credential (dev/customers.mjs)
//   /shop.css, /hostile.css, /shop.js (the "Ask about this" buttons), /img/<product>.svg

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

export const PRODUCTS = [
  { id: 'tea', name: 'Oolong tea, 100 g', price: '12.50', colour: '#7a9a3e' },
  { id: 'mug', name: 'Stoneware mug', price: '18.00', colour: '#8a6a4a' },
  { id: 'pot', name: 'Cast-iron teapot', price: '64.00', colour: '#3a3a3a' },
];

/** The demo's customers (the shop's own ids; a real shop has its user table). */
export const CUSTOMERS = [
  { id: '1042', name: 'Ann Lee', email: 'ann@example.com' },
  { id: '2077', name: 'Ben Wu', email: 'ben@example.com' },
];

export const ORDER = {
  id: 'A-1042',
  status: 'Shipped',
  total: 76.5,
  currency: 'EUR',
  items: [
    { title: 'Cast-iron teapot', quantity: 1 },
    { title: 'Oolong tea, 100 g', quantity: 1 },
  ],
};

// The shop's own script (CSP: 'self', no inline handlers): its "Ask about this" buttons call
// the widget's JS API with what the button's data attributes say.
const SHOP_JS = `document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('[data-share]') : null;
  const w = window.Parley && window.Parley.widget;
  if (!b || !w) return;
  const d = b.dataset;
  const done = d.share === 'order'
    ? w.shareOrder(JSON.parse(d.order))
    : w.shareProduct({
        title: d.title,
        price: Number(d.price),
        currency: 'EUR',
        url: location.href,
        image: new URL(d.image, location.href).href,
      });
  done.catch((err) => console.error(err));
});
`;

const productSvg = (p) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="128" height="128"><rect width="64" height="64" fill="#f3ebe0"/><circle cx="32" cy="34" r="18" fill="${p.colour}"/></svg>`;

const SHOP_CSS = `body { font: 16px/1.5 Georgia, serif; margin: 0; color: #222; background: #fbf8f3; }
header, main { max-width: 760px; margin: 0 auto; padding: 16px; }
header { display: flex; gap: 16px; align-items: baseline; }
a { color: #7a3e00; }
.product { border: 1px solid #e2d6c4; padding: 12px 16px; margin: 12px 0; background: #fff; }
header form { display: inline; margin: 0; }
`;

// What careless or hostile host pages do; the widget must survive it and not change it.
const HOSTILE_CSS = `* { all: unset !important; }
button { display: none !important; }
div, span, p { font-size: 40px !important; color: lime !important; }
.wall { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgb(255 0 0 / 0.05) !important; display: block !important; }
`;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page({ title, body, widget, css, customer }) {
  // A signed-in customer: the widget signs in as them, with a credential from /chat/credential.
  const who = customer
    ? {
        user: widget.customerJid(customer.id),
        'user-name': customer.name,
        'user-email': customer.email,
        credential: '/chat/credential',
      }
    : {};
  const attrs = Object.entries({ ...widget.attributes, ...who })
    .map(([k, v]) => ` data-parley-${k}="${esc(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Teahouse demo shop</title>
<link rel="stylesheet" href="/${css}">
<script src="/shop.js" defer></script>
<script src="${esc(widget.src)}"${attrs} async></script>
</head>
<body>
<header><strong>Teahouse</strong> <a href="/">All products</a> <a href="/orders">Your orders</a> ${
    customer
      ? `<span>${esc(customer.name)}</span> <form method="post" action="/logout"><button type="submit">Sign out</button></form>`
      : '<a href="/login">Sign in</a>'
  }</header>
<main>
${body}
</main>
</body>
</html>
`;
}

const COOKIE = 'shop_customer';

/**
 * @param {{ port?: number, host?: string, widgetBase: string, agents: string[], lang?: string,
 *   uploadOrigin?: string,
 *   desk?: { credential(id: string): Promise<{ jid: string, password: string }> },
 *   customersHost?: string }} o
 * `widgetBase`: the Parley deployment (where widget.js is), e.g. http://127.0.0.1:8080/.
 * `uploadOrigin`: where the XMPP server's file uploads (XEP-0363) go and are fetched from, e.g.
 * http://upload.localhost:5280: the widget uploads and downloads from the shop's page.
 * `desk` (dev/customers.mjs) and `customersHost`: known customers; without them /login says so.
 */
export async function serveShop({
  port = 0,
  host = '127.0.0.1',
  widgetBase,
  agents,
  lang,
  desk,
  customersHost,
  uploadOrigin,
}) {
  const base = new URL(widgetBase);
  // The shop's session cookie is signed: a shopper who edits it is nobody.
  const secret = randomBytes(32);
  const sign = (id) => createHmac('sha256', secret).update(id).digest('base64url');
  const cookieFor = (id) => `${id}.${sign(id)}`;
  const signedIn = (req) => {
    const raw = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    const [id, mac] = (raw ?? '').split('.');
    if (!id || !mac) return null;
    const want = Buffer.from(sign(id));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    return CUSTOMERS.find((c) => c.id === id) ?? null;
  };
  const widget = {
    customerJid: (id) => `customer-${id}@${customersHost}`,
    src: new URL('widget.js', base).toString(),
    attributes: {
      agents: agents.join(','),
      title: 'Teahouse support',
      color: '#7a3e00',
      ...(lang ? { lang } : {}),
    },
  };
  const ws = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${base.origin}`,
    "style-src 'self'",
    `connect-src 'self' ${base.origin} ${ws}${uploadOrigin ? ` ${uploadOrigin}` : ''}`,
    // blob: for the widget's pictures, shown from the bytes it fetched (or is uploading).
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status, type, body) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': csp,
      });
      res.end(body);
    };
    const customer = signedIn(req);
    const origin = `http://${req.headers.host}`;
    const redirect = (to, cookie) => {
      res.writeHead(303, { Location: to, ...(cookie ? { 'Set-Cookie': cookie } : {}) });
      res.end();
    };
    // Forms and fetches that change or reveal something: POST from the shop's own pages only.
    const sameOrigin = req.method === 'POST' && req.headers.origin === origin;
    if (path === '/login' && req.method === 'GET') {
      const body = desk
        ? `<h1>Sign in</h1><p>A demo: no passwords, pick who you are.</p>${CUSTOMERS.map(
            (c) =>
              `<form method="post" action="/login?as=${c.id}"><button type="submit">Sign in as ${esc(c.name)}</button></form>`,
          ).join('')}`
        : '<h1>Sign in</h1><p>Known customers are not set up on this demo.</p>';
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: 'Sign in', body, widget, css: 'shop.css', customer }),
      );
    }
    if (path === '/login' && sameOrigin && desk) {
      const id = new URL(req.url ?? '/', origin).searchParams.get('as') ?? '';
      if (!CUSTOMERS.some((c) => c.id === id)) return send(400, 'text/plain', 'No such customer\n');
      return redirect('/', `${COOKIE}=${cookieFor(id)}; Path=/; HttpOnly; SameSite=Lax`);
    }
    if (path === '/logout' && sameOrigin)
      return redirect('/', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    if (path === '/chat/credential') {
      if (!sameOrigin) return send(403, 'text/plain', 'Forbidden\n');
      if (!customer || !desk) return send(401, 'text/plain', 'Not signed in\n');
      desk.credential(customer.id).then(
        (c) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify(c));
        },
        (err) => {
          console.error('[shop] credential', err);
          send(503, 'text/plain', 'Chat sign-in is unavailable\n');
        },
      );
      return;
    }
    if (path === '/shop.css') return send(200, 'text/css', SHOP_CSS);
    if (path === '/hostile.css') return send(200, 'text/css', HOSTILE_CSS);
    if (path === '/shop.js') return send(200, 'text/javascript', SHOP_JS);
    const img = PRODUCTS.find((p) => path === `/img/${p.id}.svg`);
    if (img) return send(200, 'image/svg+xml', productSvg(img));
    if (path === '/orders') {
      const items = ORDER.items.map((i) => `<li>${i.quantity} × ${esc(i.title)}</li>`).join('');
      const body = `<h1>Your orders</h1><div class="product"><p>Order ${ORDER.id} · ${ORDER.status} · €${ORDER.total.toFixed(2)}</p><ul>${items}</ul><button type="button" data-share="order" data-order="${esc(JSON.stringify({ ...ORDER, url: `http://${req.headers.host}/orders` }))}">Ask about this order</button></div>`;
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: 'Orders', body, widget, css: 'shop.css', customer }),
      );
    }
    if (path === '/' || path === '/index.html') {
      const list = PRODUCTS.map(
        (p) => `<div class="product"><a href="/p/${p.id}">${esc(p.name)}</a> · €${p.price}</div>`,
      ).join('\n');
      return send(
        200,
        'text/html; charset=utf-8',
        page({
          title: 'Home',
          body: `<h1>Teahouse</h1>\n${list}`,
          widget,
          css: 'shop.css',
          customer,
        }),
      );
    }
    const product = PRODUCTS.find((p) => path === `/p/${p.id}`);
    if (product) {
      const body = `<h1>${esc(product.name)}</h1><img src="/img/${product.id}.svg" alt="" width="128" height="128"><p>€${product.price}</p><button type="button">Add to cart</button> <button type="button" data-share="product" data-title="${esc(product.name)}" data-price="${product.price}" data-image="/img/${product.id}.svg">Ask about this product</button>`;
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: product.name, body, widget, css: 'shop.css', customer }),
      );
    }
    if (path === '/hostile/' || path === '/hostile') {
      const body = `<h1>Hostile page</h1><button type="button" id="host-button">Host button</button><div class="wall"></div>`;
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: 'Hostile', body, widget, css: 'hostile.css', customer }),
      );
    }
    send(404, 'text/plain', 'Not found\n');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
  return {
    url,
    csp,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
