import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// Dev server proxies XMPP endpoints to the local Prosody started by `npm start`,
// so config.json can use same-origin relative URLs.
const prosodyHttp = process.env['PARLEY_PROSODY_HTTP'] ?? 'http://127.0.0.1:5380';

export default defineConfig({
  plugins: [solid()],
  build: { target: 'es2022', sourcemap: true },
  server: {
    proxy: {
      '/xmpp-websocket': { target: prosodyHttp, ws: true },
      '/http-bind': { target: prosodyHttp },
    },
  },
});
