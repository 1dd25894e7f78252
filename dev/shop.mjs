// A small demo shop on its own origin that embeds the support widget with one tag, served
// with a strict Content-Security-Policy header (no 'unsafe-inline', no 'unsafe-eval'), as a
// careful shop would. Used by `npm start` and the end-to-end tests.
//
//   /                  the shop's front page
//   /p/<product>       product pages
//   /hostile/          a page whose stylesheet attacks everything (all: unset, hidden
//                      buttons, a full-page layer at the top z-index)
//   /orders            the shopper's orders ("Ask about this order": shareOrder)
//   /shop.css, /hostile.css, /shop.js (the "Ask about this" buttons), /img/<product>.svg

import { createServer } from 'node:http';

export const PRODUCTS = [
  { id: 'tea', name: 'Oolong tea, 100 g', price: '12.50', colour: '#7a9a3e' },
  { id: 'mug', name: 'Stoneware mug', price: '18.00', colour: '#8a6a4a' },
  { id: 'pot', name: 'Cast-iron teapot', price: '64.00', colour: '#3a3a3a' },
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
`;

// What careless or hostile host pages do; the widget must survive it and not change it.
const HOSTILE_CSS = `* { all: unset !important; }
button { display: none !important; }
div, span, p { font-size: 40px !important; color: lime !important; }
.wall { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgb(255 0 0 / 0.05) !important; display: block !important; }
`;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page({ title, body, widget, css }) {
  const attrs = Object.entries(widget.attributes)
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
<header><strong>Teahouse</strong> <a href="/">All products</a> <a href="/orders">Your orders</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * @param {{ port?: number, host?: string, widgetBase: string, agents: string[], lang?: string, uploadOrigin?: string }} o
 * `widgetBase`: the Parley deployment (where widget.js is), e.g. http://127.0.0.1:8080/
 * `uploadOrigin`: where the XMPP server's file uploads (XEP-0363) go and are fetched from, e.g.
 * http://upload.localhost:5280: the widget uploads and downloads from the shop's page.
 */
export async function serveShop({
  port = 0,
  host = '127.0.0.1',
  widgetBase,
  agents,
  lang,
  uploadOrigin,
}) {
  const base = new URL(widgetBase);
  const widget = {
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
        page({ title: 'Orders', body, widget, css: 'shop.css' }),
      );
    }
    if (path === '/' || path === '/index.html') {
      const list = PRODUCTS.map(
        (p) => `<div class="product"><a href="/p/${p.id}">${esc(p.name)}</a> · €${p.price}</div>`,
      ).join('\n');
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: 'Home', body: `<h1>Teahouse</h1>\n${list}`, widget, css: 'shop.css' }),
      );
    }
    const product = PRODUCTS.find((p) => path === `/p/${p.id}`);
    if (product) {
      const body = `<h1>${esc(product.name)}</h1><img src="/img/${product.id}.svg" alt="" width="128" height="128"><p>€${product.price}</p><button type="button">Add to cart</button> <button type="button" data-share="product" data-title="${esc(product.name)}" data-price="${product.price}" data-image="/img/${product.id}.svg">Ask about this product</button>`;
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: product.name, body, widget, css: 'shop.css' }),
      );
    }
    if (path === '/hostile/' || path === '/hostile') {
      const body = `<h1>Hostile page</h1><button type="button" id="host-button">Host button</button><div class="wall"></div>`;
      return send(
        200,
        'text/html; charset=utf-8',
        page({ title: 'Hostile', body, widget, css: 'hostile.css' }),
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
