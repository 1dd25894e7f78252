// Debian's Chromium, as the tests and benchmarks launch it. As root it needs --no-sandbox; on
// this closed network its background calls are switched off (see NOTES.md).
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
