import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

// Dev server proxies XMPP endpoints to the local Prosody started by `npm start`,
// so config.json can use same-origin relative URLs.
const prosodyHttp = process.env['PARLEY_PROSODY_HTTP'] ?? 'http://127.0.0.1:5380';

export default defineConfig({
  plugins: [
    solid(),
    // The service worker (src/pwa/sw.ts) is built as its own bundle, dist/sw.js, with the list
    // of files to precache injected. The manifest is a static file (public/manifest.webmanifest)
    // and the page registers the worker itself (src/app/pwa.ts), so the plugin adds nothing
    // to index.html.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // config.json is left out on purpose: it is network first (see sw.ts), never precached.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // Screenshots are for the install dialog only, never needed offline.
        globIgnores: ['screenshots/**', 'sw.js', 'workbox-*.js'],
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  server: {
    proxy: {
      '/xmpp-websocket': { target: prosodyHttp, ws: true },
      '/http-bind': { target: prosodyHttp },
    },
  },
});
