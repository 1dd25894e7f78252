// The styles of files in the conversation (Attachment.tsx, Viewer.tsx): they come with
// Attachment's chunk, not with the panel's first open.
export const ATTACHMENT_CSS = `
.file { display: inline-flex; flex-direction: column; align-items: flex-end; gap: 4px; max-width: 100%; }
.in .file { align-items: flex-start; }
.thumb {
  display: block; max-width: 100%; min-width: 96px; min-height: 72px; padding: 0; border: 1px solid #e1e4ea;
  border-radius: 12px; overflow: hidden; background: #e8eaee; cursor: zoom-in;
}
.thumb:disabled { cursor: default; }
.thumb img { display: block; width: 100%; height: auto; }
.thumb-note { display: block; padding: 8px; font-size: 12px; color: #5b6373; }
.file-card {
  display: flex; align-items: center; gap: 8px; padding: 8px 8px 8px 12px; max-width: 100%;
  border: 1px solid #e1e4ea; border-radius: 12px; background: #fff; color: #1d2330; text-align: left;
}
.file-text { display: flex; flex-direction: column; min-width: 0; }
.file-name { font-weight: 600; overflow-wrap: anywhere; }
.file-meta { font-size: 12px; color: #5b6373; overflow-wrap: anywhere; }
.file-get { flex: none; color: #1a55c0; background: #eef2fb; }
.file-error { font-size: 12px; color: #b3261e; }
.upload { display: flex; align-items: center; gap: 4px; }
.upload progress { width: 120px; accent-color: var(--pw-accent); }
.upload .icon { width: 28px; height: 28px; font-size: 18px; color: #5b6373; }
.thumb:focus-visible { outline: 2px solid #1d2330; outline-offset: 2px; }
.viewer {
  position: absolute; inset: 0; z-index: 2; display: flex; flex-direction: column;
  background: rgb(10 12 16 / 0.96); color: #fff;
}
.viewer-bar { display: flex; justify-content: flex-end; gap: 4px; padding: 8px; }
.viewer .icon:focus-visible { outline-color: #fff; }
.viewer img { flex: 1; min-height: 0; width: 100%; object-fit: contain; padding: 0 8px 8px; box-sizing: border-box; }
`;
