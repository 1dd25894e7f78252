// Renders the app's icons and install screenshots with Debian's Chromium (Playwright drives
// it), from one SVG: public/icons/icon.svg. Run after changing the icon or the sign-in screen,
// and commit the PNGs:
//
//   npm run build && node scripts/make-icons.mjs
//
// Sizes: 48-512 "any" (Android, desktop Chromium, Windows), 192 and 512 "maskable" (Android
// adaptive icons: the glyph inside the 80 % safe circle, the colour to the edge), 180
// apple-touch-icon (iOS home screen, which ignores the manifest's icons).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { serveApp } from '../dev/serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}public/icons/`;
const BRAND = '#2f6fde';
const ANY = [48, 72, 96, 128, 144, 152, 192, 256, 384, 512];
const MASKABLE = [192, 512];

const svg = await readFile(`${OUT}icon.svg`, 'utf8');
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** A page of exactly size×size showing the icon; `inset` leaves a full-bleed margin (maskable). */
function html(size, { inset = 0, square = false } = {}) {
  const img = Math.round(size * (1 - 2 * inset));
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${square ? BRAND : 'transparent'}">
<img src="${src}" width="${img}" height="${img}" style="display:block"></body></html>`;
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  async function render(name, size, opts) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(html(size, opts));
    await writeFile(`${OUT}${name}`, await page.screenshot({ omitBackground: !opts?.square }));
    await page.close();
  }
  for (const s of ANY) await render(`icon-${s}.png`, s);
  // The glyph's own rounded square sits in the middle 70 %, inside the 80 % safe zone.
  for (const s of MASKABLE) await render(`maskable-${s}.png`, s, { inset: 0.15, square: true });
  // iOS rounds the corners itself and shows transparency as black: a full square.
  await render('apple-touch-icon.png', 180, { inset: 0.08, square: true });

  // Screenshots for the richer install dialog: the first screen, wide and narrow, light.
  const app = await serveApp({ root: `${ROOT}dist`, port: 0, config: { domain: 'localhost' } });
  try {
    for (const [name, width, height] of [
      ['wide.png', 1280, 800],
      ['narrow.png', 412, 915],
    ]) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: 'light' });
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await writeFile(`${ROOT}public/screenshots/${name}`, await page.screenshot());
      await page.close();
    }
  } finally {
    await app.close();
  }
} finally {
  await browser.close();
}
console.log('icons and screenshots written to public/icons and public/screenshots');
