// The launcher's styles, adopted by the shadow root as a constructed stylesheet: no inline
// <style>, so a host's strict CSP (no 'unsafe-inline') does not block it. `:host` rules are
// !important because a host's `* { all: unset !important }` otherwise wins on the host element.
export const LAUNCHER_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto !important;
  width: 0 !important;
  height: 0 !important;
  z-index: 2147483647 !important;
  visibility: visible !important;
  opacity: 1 !important;
  pointer-events: none !important;
}
.pw {
  --pw-accent: #2f6fde;
  --pw-on-accent: #fff;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1d2330;
  pointer-events: auto;
}
.pw *, .pw *::before, .pw *::after { box-sizing: border-box; }
.pw [hidden] { display: none !important; }
.launcher {
  position: fixed;
  bottom: 20px;
  right: 20px;
  width: 56px;
  height: 56px;
  border: 0;
  border-radius: 50%;
  padding: 0;
  margin: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  background: var(--pw-accent);
  color: var(--pw-on-accent);
  box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  cursor: pointer;
  z-index: 2;
}
.left .launcher { right: auto; left: 20px; }
.launcher:focus-visible { outline: 3px solid #1d2330; outline-offset: 3px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.badge {
  position: absolute;
  top: -4px;
  right: -4px;
  min-width: 22px;
  height: 22px;
  padding: 0 6px;
  border-radius: 11px;
  background: #d93025;
  color: #fff;
  font: 600 12px/22px system-ui, sans-serif;
  text-align: center;
}
.frame {
  position: fixed;
  bottom: 88px;
  right: 20px;
  width: 370px;
  height: min(600px, calc(100vh - 108px));
  display: flex;
  flex-direction: column;
  background: #fff;
  border-radius: 14px;
  box-shadow: 0 8px 30px rgb(0 0 0 / 0.3);
  overflow: hidden;
  z-index: 1;
}
.left .frame { right: auto; left: 20px; }
@media (max-width: 639.98px) {
  .frame {
    inset: var(--pw-top, 0px) 0 auto 0;
    width: 100vw;
    height: var(--pw-vh, 100vh);
    border-radius: 0;
  }
  .pw.open .launcher { display: none; }
}
`;
