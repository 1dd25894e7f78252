// Converse.js settings for the side-by-side benchmark. Why each one: bench/README.md.
import converse from '/dist/converse.min.js';

// window.BENCH is written by bench/server.mjs's generated /bench-settings.js.
converse.initialize({
  view_mode: 'fullscreen',
  websocket_url: window.BENCH.websocketUrl,
  discover_connection_methods: false,
  default_domain: window.BENCH.domain,
  assets_path: '/dist/',
  i18n: 'en',
  loglevel: 'error',
  authentication: 'login',
  auto_login: false,
  keepalive: true,
  reuse_scram_keys: true,
  persistent_store: 'IndexedDB',
  allow_registration: false,
  show_controlbox_by_default: true,
  hide_offline_users: false,
  roster_groups: true,
  message_archiving: undefined,
  play_sounds: false,
  show_desktop_notifications: false,
  blacklisted_plugins: [
    'converse-omemo',
    'converse-omemo-views',
    'converse-push',
    'converse-dragresize',
    'converse-minimize',
  ],
});
