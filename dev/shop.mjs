// A small demo shop on its own origin that embeds the support widget with one tag, served
// with a strict Content-Security-Policy header (no 'unsafe-inline', no 'unsafe-eval'), as a
// careful shop would. Used by `npm start` and the end-to-end tests.
//
//   /                  the shop's front page
//   /p/<product>       product pages
//   /hostile/          a page whose stylesheet attacks everything (all: unset, hidden
//                      buttons, a full-page layer at the top z-index)
//   /shop.css, /hostile.css

import { createServer } from 'node:http';

export const PRODUCTS = [
  { id: 'tea', name: 'Oolong tea, 100 g', price: '12.50' },
  { id: 'mug', name: 'Stoneware mug', price: '18.00' },
  { id: 'pot', name: 'Cast-iron teapot', price: '64.00' },
];

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
<script src="${esc(widget.src)}"${attrs} async></script>
</head>
<body>
<header><strong>Teahouse</strong> <a href="/">All products</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * @param {{ port?: number, host?: string, widgetBase: string, agents: string[], lang?: string }} o
 * `widgetBase`: the Parley deployment (where widget.js is), e.g. http://127.0.0.1:8080/
 */
export async function serveShop({ port = 0, host = '127.0.0.1', widgetBase, agents, lang }) {
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
    `connect-src 'self' ${base.origin} ${ws}`,
    "img-src 'self' data:",
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
      const body = `<h1>${esc(product.name)}</h1><p>€${product.price}</p><button type="button">Add to cart</button>`;
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
