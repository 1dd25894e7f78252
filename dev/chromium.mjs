// Debian's Chromium, as the tests and benchmarks launch it. As root it needs --no-sandbox; on
// this closed network its background calls are switched off (see NOTES.md).
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Features switched off. Chromium reads only the last --disable-features, so this one repeats
 * the list Playwright passes (playwright-core's `disabledFeatures`, Playwright 1.65) and adds:
 * - WebUIOmniboxPopup, WebUIOmniboxAimPopup: Chromium 156 renders the address bar's popups as
 *   web pages, preloaded in a renderer process of their own for every window, so every browser
 *   context of a test (a window in headless mode) started a second renderer that drew a popup
 *   nobody sees. Measured in `e2e/`: see README "Tests".
 */
export const DISABLED_FEATURES = [
  // Playwright's, for its reasons (see its chromiumSwitches)
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // ours
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];
