import { createEffect, createSignal, lazy, Match, on, Show, Switch } from 'solid-js';
import { cancelUpload, isContactQuery, loadMedia, uploadQuery } from '../../app/files';
import type { Message } from '../../app/queries';
import type { MessageKey } from '../../i18n';
import { fileMeta } from '../../shared/formatBytes';
import { createBlobUrl } from '../lib/blobUrl';
import { formatBytes } from '../lib/format';
import { t } from '../lib/i18n';
import { DownloadIcon, FileIcon, PlayIcon } from '../lib/icons';
import { createLive } from '../lib/live';
import { saveBlob } from '../lib/save';
import { AudioPlayer } from './AudioPlayer';

const Viewer = lazy(() => import('./Viewer').then((m) => ({ default: m.Viewer })));

type File = NonNullable<Message['file']>;

/** Largest side of an inline picture or video, in CSS pixels. */
const THUMB = 240;

function thumbSize(file: File, tile?: number) {
  if (tile) return { width: tile, height: tile };
  const { width, height } = file;
  if (!width || !height) return undefined;
  const scale = Math.min(1, THUMB / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A message's file: a picture or video thumbnail that opens full size, an audio player, or a
 * card with name, size and type. Our own pending upload shows from its local bytes with
 * progress and cancel. Files from people who are not contacts load only when asked.
 */
export function AttachmentView(props: {
  message: Message;
  senderName: string;
  /** A square tile of this side (CSS pixels), the picture cropped to fill it; default: the
   * picture's own proportions, 240 px at most. */
  tile?: number;
}) {
  const file = () => props.message.file as File;
  const mine = () => props.message.direction === 'out';
  const pending = createLive(() => {
    const m = props.message;
    return m.direction === 'out' && !m.file?.url ? uploadQuery(m.id) : null;
  }, undefined);
  // Once the file has its URL the upload is over, whatever the last read said.
  const upload = () => (file().url ? undefined : pending());
  // undefined until the contact list answers: "Load…" is offered only once we know to ask.
  const known = createLive<boolean | undefined>(() => {
    const m = props.message;
    return m.direction === 'in' ? isContactQuery(m.peer) : null;
  }, undefined);
  const [asked, setAsked] = createSignal(false);
  const [blob, setBlob] = createSignal<Blob>();
  const [failed, setFailed] = createSignal(false);
  const [viewing, setViewing] = createSignal(false);
  const inline = () => file().kind !== 'file';
  const allowed = () => mine() || known() === true || asked();

  function load(): Promise<Blob | undefined> {
    const url = file().url;
    if (!url) return Promise.resolve(upload()?.blob);
    setFailed(false);
    return loadMedia(url).then(
      (b) => {
        setBlob(b);
        return b;
      },
      () => {
        setFailed(true);
        return undefined;
      },
    );
  }

  // Pictures, video and audio load by themselves when the sender may send them unasked.
  createEffect(
    on([() => file().url, allowed], ([url, ok]) => {
      if (url && ok && inline() && !blob()) void load();
    }),
  );

  const source = () => blob() ?? upload()?.blob;
  const src = createBlobUrl(source);
  const size = () => thumbSize(file(), props.tile);
  const kindName = () => t(`file.kind.${file().kind}` as MessageKey);

  async function download() {
    const b = source() ?? (await load());
    if (b) saveBlob(b, file().name);
  }

  const progress = () => {
    const u = upload();
    if (!u || u.state === 'failed') return undefined;
    const total = u.blob.size || 1;
    return Math.min(100, Math.floor((u.sent / total) * 100));
  };

  return (
    <div class={`attachment attachment-${file().kind}`} data-kind={file().kind}>
      <Switch>
        <Match when={(file().kind === 'image' || file().kind === 'video') && src()}>
          <button
            type="button"
            class="thumb"
            aria-label={t('file.open', { name: file().name })}
            style={size() ? { width: `${size()?.width}px`, height: `${size()?.height}px` } : {}}
            onClick={() => setViewing(true)}
          >
            <Show
              when={file().kind === 'video'}
              fallback={
                <img
                  src={src()}
                  alt={file().name}
                  width={size()?.width}
                  height={size()?.height}
                  decoding="async"
                />
              }
            >
              <video src={src()} preload="metadata" muted width={size()?.width} />
              <span class="play-badge" aria-hidden="true">
                <PlayIcon size={36} />
              </span>
            </Show>
          </button>
        </Match>
        <Match when={(file().kind === 'audio' || file().kind === 'voice') && (src() || allowed())}>
          <AudioPlayer src={src()} duration={file().duration} name={file().name} />
        </Match>
        <Match when={inline() && !allowed() && known() === false}>
          <button
            type="button"
            class="placeholder"
            style={size() ? { width: `${size()?.width}px`, height: `${size()?.height}px` } : {}}
            onClick={() => setAsked(true)}
          >
            {t('file.load', { kind: kindName(), sender: props.senderName })}
          </button>
        </Match>
        <Match when={inline() && !src()}>
          <div
            class="placeholder"
            style={size() ? { width: `${size()?.width}px`, height: `${size()?.height}px` } : {}}
          >
            {failed() ? t('file.unavailable') : t('file.loading')}
          </div>
        </Match>
      </Switch>
      <Show when={!inline()}>
        <div class="file-card">
          <span class="file-icon" aria-hidden="true">
            <FileIcon />
          </span>
          <span class="file-text">
            <bdi class="file-name">{file().name}</bdi>
            <span class="file-meta">{fileMeta(file(), (n) => formatBytes(n))}</span>
          </span>
          <Show when={file().url}>
            <button
              type="button"
              class="link"
              aria-label={t('file.download', { name: file().name })}
              onClick={() => void download()}
            >
              <DownloadIcon />
            </button>
          </Show>
        </div>
        <Show when={failed()}>
          <p class="file-error">{t('file.unavailable')}</p>
        </Show>
      </Show>
      <Show when={upload()}>
        {(u) => (
          <div class="upload">
            <Show when={u().state !== 'failed'}>
              <progress
                max="100"
                value={progress() ?? 0}
                aria-label={
                  u().state === 'uploading'
                    ? t('file.uploading', { name: file().name, percent: progress() ?? 0 })
                    : t('file.waiting', { name: file().name })
                }
              />
              <button
                type="button"
                class="icon"
                aria-label={t('file.cancelUpload', { name: file().name })}
                onClick={() => void cancelUpload(props.message.id)}
              >
                ✕
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={viewing() && src() && (file().kind === 'image' || file().kind === 'video')}>
        <Viewer
          src={src() ?? ''}
          kind={file().kind === 'video' ? 'video' : 'image'}
          name={file().name}
          onClose={() => setViewing(false)}
          onDownload={() => void download()}
        />
      </Show>
    </div>
  );
}
