// The panel's styles (adopted like the launcher's; see launcherCss.ts for why no <style>).
export const PANEL_CSS = `
.head {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 12px 14px;
  background: var(--pw-accent);
  color: var(--pw-on-accent);
}
.head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
.status { display: block; font-size: 12px; font-weight: 400; opacity: 0.9; }
.icon {
  width: 36px; height: 36px; border: 0; border-radius: 50%; padding: 0;
  background: transparent; color: inherit; font-size: 22px; line-height: 1; cursor: pointer;
}
.icon:hover { background: rgb(0 0 0 / 0.12); }
.icon:focus-visible, .send:focus-visible, .retry:focus-visible { outline: 2px solid #1d2330; outline-offset: 2px; }
.log {
  flex: 1;
  overflow-y: auto;
  padding: 12px;
  display: flex;
  flex-direction: column;
  gap: 6px;
  background: #f5f6f8;
}
.msg { max-width: 82%; align-self: flex-start; }
.msg.out { align-self: flex-end; text-align: right; }
.who { display: block; font-size: 12px; color: #5b6373; margin: 0 4px 2px; }
.bubble {
  display: inline-block;
  text-align: left;
  padding: 8px 11px;
  border-radius: 14px;
  background: #fff;
  border: 1px solid #e1e4ea;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.out .bubble { background: var(--pw-accent); color: var(--pw-on-accent); border-color: transparent; }
.state { display: block; font-size: 11px; color: #5b6373; margin: 2px 4px 0; }
.failed .state { color: #b3261e; }
.retry { border: 0; background: none; color: #1a55c0; text-decoration: underline; font: inherit; cursor: pointer; padding: 0 2px; }
.typing { margin: 0; padding: 0 14px 2px; min-height: 16px; font-size: 12px; line-height: 16px; color: #5b6373; background: #f5f6f8; }
.notice { margin: 0; padding: 10px 14px; background: #fff8e1; border-top: 1px solid #f0e2b0; font-size: 13px; }
.prechat { display: flex; flex-direction: column; gap: 4px; padding: 8px 12px; border-top: 1px solid #ddd; }
.prechat input { font: inherit; font-size: 16px; padding: 6px 8px; border: 1px solid #999; border-radius: 6px; }
.prechat input[aria-invalid="true"] { border-color: #b00020; }
.prechat .send { align-self: flex-end; margin-top: 4px; }
.email { display: flex; gap: 6px; padding: 8px 12px; background: #fff8e1; }
.email label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.error { margin: 0; padding: 8px 14px; color: #b3261e; font-size: 13px; background: #fff; }
.compose { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e1e4ea; background: #fff; }
.compose label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
textarea, input {
  flex: 1;
  /* 16 px: iOS Safari zooms the page into any smaller input. */
  font-family: inherit;
  font-size: 16px;
  line-height: 1.35;
  color: #1d2330;
  background: #fff;
  border: 1px solid #c6cbd4;
  border-radius: 10px;
  padding: 8px 10px;
  resize: none;
  min-width: 0;
}
textarea:focus, input:focus { outline: 2px solid var(--pw-accent); outline-offset: 0; }
.send {
  border: 0; border-radius: 10px; padding: 0 14px; cursor: pointer;
  background: var(--pw-accent); color: var(--pw-on-accent); font-family: inherit; font-size: 15px; font-weight: 600;
}
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Files: the attach button, a refusal, a drop (the file rows' own: attachmentCss.ts). */
.compose .attach { flex: none; align-self: center; color: #5b6373; }
.compose .attach svg { display: block; margin: auto; }
.file-problem { display: flex; align-items: center; gap: 6px; }
.file-problem .icon { flex: none; width: 28px; height: 28px; font-size: 18px; }
.drop {
  position: absolute; inset: 0; z-index: 2; display: flex; align-items: center; justify-content: center;
  margin: 8px; border: 2px dashed var(--pw-accent); border-radius: 12px;
  background: rgb(255 255 255 / 0.92); color: #1d2330; font-weight: 600; pointer-events: none;
}
/* Product and order cards (ui/support/CardView.tsx). */
.support-card { display: flex; gap: 10px; align-items: flex-start; padding: 8px; border: 1px solid #e1e4ea; border-radius: 12px; background: #fff; color: #1d2330; text-align: left; }
.card-thumb { flex: none; width: 64px; height: 64px; object-fit: cover; border-radius: 8px; background: #f5f6f8; }
.card-main { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.card-title { font-weight: 600; color: #1a55c0; overflow-wrap: anywhere; }
span.card-title { color: inherit; }
.card-status, .card-items { font-size: 13px; color: #5b6373; }
.card-items { margin: 0; padding-left: 18px; }
.card-price { font-weight: 600; }
/* Satisfaction rating (RatingForm.tsx, ui/support/RatingView.tsx). */
.rate { display: flex; flex-direction: column; gap: 6px; padding: 10px 12px; border-top: 1px solid #e1e4ea; background: #fff; }
.rate fieldset { border: 0; margin: 0; padding: 0; }
.rate legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.stars { display: flex; gap: 4px; }
.star { position: relative; font-size: 28px; line-height: 1; color: #c6cbd4; cursor: pointer; }
.star.on { color: #e0a100; }
.star input { position: absolute; inset: 0; opacity: 0; margin: 0; cursor: pointer; }
.star:focus-within { outline: 2px solid #1d2330; outline-offset: 2px; border-radius: 4px; }
.rate .actions { display: flex; justify-content: flex-end; gap: 8px; }
.rate .send, .rate .skip { min-height: 40px; }
.skip { border: 1px solid #c6cbd4; border-radius: 10px; padding: 0 14px; background: #fff; color: #1d2330; font: inherit; cursor: pointer; }
.rating-stars { color: #e0a100; letter-spacing: 2px; }
.rating-comment { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
`;
