import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The support widget, built after the app into the same dist/ (see README, "Support widget"):
//   PARLEY_WIDGET=loader  dist/widget.js: the loader, one classic script (IIFE), no imports
//   (default)             dist/widget/panel.js, text-<lang>.js and their chunks: ES modules loaded
//                         on demand
// Two passes because a classic script cannot be split into chunks and an IIFE cannot import.
const loader = process.env['PARLEY_WIDGET'] === 'loader';

export default defineConfig({
  plugins: loader ? [] : [solid()],
  // Dexie's own ES module build for current browsers, not its package entry (a wrapper over the
  // ES5 UMD build that also shares one Dexie through a global on the page: a shop's own Dexie of
  // another version would make the widget throw). 1.9 KB gzip less, and no CommonJS wrapper.
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  // Chunks find each other relative to panel.js, wherever the shop's page is.
  base: './',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    // No preload helper: it would add <link> tags to the shop's <head>.
    modulePreload: false,
    ...(loader
      ? {
          lib: {
            entry: 'src/widget/loader.ts',
            formats: ['iife'],
            name: 'ParleyWidgetLoader',
            fileName: () => 'widget.js',
          },
        }
      : {
          rollupOptions: {
            // The catalogs' widget parts are entries too, so their names are known to widget.js,
            // which fetches the shopper's beside panel.js (loader.ts).
            input: {
              panel: 'src/widget/entry.tsx',
              'text-en': 'src/i18n/en/widget.ts',
              'text-zh-CN': 'src/i18n/zh-CN/widget.ts',
              'text-zh-TW': 'src/i18n/zh-TW/widget.ts',
            },
            // panel.js may export more than mountPanel: what the core's chunks share with it (Solid)
            // stays in it, so the first open has no chunk to wait for behind panel.js.
            preserveEntrySignatures: 'allow-extension',
            output: {
              format: 'es',
              entryFileNames: 'widget/[name].js',
              chunkFileNames: 'widget/[name]-[hash].js',
              assetFileNames: 'widget/[name]-[hash][extname]',
            },
          },
        }),
  },
});
