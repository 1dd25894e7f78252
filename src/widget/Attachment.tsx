// Loaded with the first file in the conversation (Log.tsx): most conversations have none.
import { createEffect, createSignal, on, onMount, Show } from 'solid-js';
import type { Message } from '../app/queries';
import { fileMeta, formatBytes } from '../shared/formatBytes';
import { createBlobUrl } from '../ui/lib/blobUrl';
import { ATTACHMENT_CSS } from './attachmentCss';
import type { FileRow } from './core';
import type { Translate } from './text';
import { Viewer } from './Viewer';

type File = NonNullable<Message['file']>;

// One sheet for every panel on the page, adopted by the shadow root a file is drawn in; the
// panel's stop() takes away the sheets added after it mounted, this one too.
let sheet: CSSStyleSheet | undefined;
function adoptStyles(el: Element) {
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(ATTACHMENT_CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Longest side of a picture in the conversation, in CSS pixels. */
const THUMB = 220;

/** The thumbnail's size from the picture's stored pixel size, so nothing moves when it loads. */
export function thumbSize(file: File): { width: number; height: number } | undefined {
  const { width, height } = file;
  if (!width || !height) return undefined;
  const scale = Math.min(1, THUMB / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * A message's file in the widget: a picture (only the types a browser shows as plain media,
 * never SVG or HTML) as a thumbnail that opens larger, anything else as a card with name,
 * size and a download button. The shopper's own pending upload shows from its local bytes,
 * with progress and cancel. Pictures load by themselves: the room is the shop's own.
 */
export function Attachment(props: {
  message: Message;
  t: Translate;
  lang: string;
  /** The core's file functions (core.ts, `fileRow`). */
  files: FileRow;
  /**
   * The bytes of the files this panel has shown, by message id: a row drawn again because its
   * message changed (the upload ended, then "sent") shows them at once, not "Loading…".
   */
  shown: Map<string, Blob>;
}) {
  const file = () => props.message.file as File;
  const name = () => file().name;
  const pending = props.files.upload(() => {
    const m = props.message;
    return m.direction === 'out' && !m.file?.url ? m.id : null;
  });
  // Once the file has its URL the upload is over, whatever the last read said.
  const upload = () => (file().url ? undefined : pending());
  const picture = () =>
    file().kind === 'image' && props.files.isInlineSafeType(file().mediaType ?? '');
  const [blob, setBlob] = createSignal<Blob | undefined>(props.shown.get(props.message.id));
  const [failed, setFailed] = createSignal(false);
  const [viewing, setViewing] = createSignal(false);
  let thumb: HTMLButtonElement | undefined;
  let el!: HTMLDivElement;
  onMount(() => adoptStyles(el));

  async function load(): Promise<Blob | undefined> {
    const url = file().url;
    if (!url) return upload()?.blob;
    setFailed(false);
    try {
      const b = await props.files.loadMedia(url);
      props.shown.set(props.message.id, b);
      setBlob(b);
      return b;
    } catch {
      setFailed(true);
      return undefined;
    }
  }
  createEffect(
    on([() => file().url, picture], ([url, show]) => {
      if (url && show && !blob()) void load();
    }),
  );
  createEffect(() => {
    const b = upload()?.blob;
    if (b) props.shown.set(props.message.id, b);
  });
  const src = createBlobUrl(() => (picture() ? (blob() ?? upload()?.blob) : undefined));
  const size = () => thumbSize(file());
  const box = () => {
    const s = size();
    return s ? { width: `${s.width}px`, 'aspect-ratio': `${s.width} / ${s.height}` } : {};
  };
  async function download() {
    const b = blob() ?? upload()?.blob ?? (await load());
    if (b) props.files.saveBlob(b, name());
  }
  const percent = () => {
    const u = upload();
    return u ? Math.min(100, Math.floor((u.sent / (u.blob.size || 1)) * 100)) : 0;
  };
  const closeViewer = () => {
    setViewing(false);
    thumb?.focus();
  };

  return (
    <div ref={el} class="file">
      <Show
        when={picture()}
        fallback={
          <div class="file-card">
            <span class="file-text">
              <bdi class="file-name">{name()}</bdi>
              <span class="file-meta">{fileMeta(file(), (n) => formatBytes(n, props.lang))}</span>
            </span>
            <Show when={file().url}>
              <button
                type="button"
                class="icon file-get"
                aria-label={props.t('file.download', { name: name() })}
                onClick={() => void download()}
              >
                ↓
              </button>
            </Show>
          </div>
        }
      >
        <button
          ref={thumb}
          type="button"
          class="thumb"
          aria-label={props.t('file.open', { name: name() })}
          disabled={!src()}
          style={box()}
          onClick={() => setViewing(true)}
        >
          <Show
            when={src()}
            fallback={
              <span class="thumb-note">
                {failed() ? props.t('file.unavailable') : props.t('file.loading')}
              </span>
            }
          >
            <img src={src()} alt={name()} width={size()?.width} height={size()?.height} />
          </Show>
        </button>
      </Show>
      <Show when={!picture() && failed()}>
        <span class="file-error">{props.t('file.unavailable')}</span>
      </Show>
      <Show when={upload()?.state !== 'failed' && upload()}>
        {(u) => (
          <span class="upload">
            <progress
              max="100"
              value={percent()}
              aria-label={
                u().state === 'uploading'
                  ? props.t('file.uploading', { name: name(), percent: percent() })
                  : props.t('file.waiting', { name: name() })
              }
            />
            <button
              type="button"
              class="icon"
              aria-label={props.t('file.cancelUpload', { name: name() })}
              onClick={() => void props.files.cancelUpload(props.message.id)}
            >
              ×
            </button>
          </span>
        )}
      </Show>
      <Show when={viewing() && src()}>
        {(url) => (
          <Viewer
            src={url()}
            name={name()}
            t={props.t}
            onClose={closeViewer}
            onDownload={() => void download()}
          />
        )}
      </Show>
    </div>
  );
}
