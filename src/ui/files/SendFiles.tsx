import { createSignal, For, onMount, Show } from 'solid-js';
import { cleanFileName, isInlineSafeType, prepareFile, sendFile } from '../../app/files';
import { jumpToNewest } from '../actions/jump';
import { errorText } from '../errors';
import { createBlobUrl } from '../lib/blobUrl';
import { formatBytes, formatLimit } from '../lib/format';
import { t } from '../lib/i18n';
import { FileIcon } from '../lib/icons';

function Thumb(props: { file: File }) {
  const url = createBlobUrl(() =>
    props.file.type.startsWith('image/') && isInlineSafeType(props.file.type)
      ? props.file
      : undefined,
  );
  return (
    <Show
      when={url()}
      fallback={
        <span class="file-icon" aria-hidden="true">
          <FileIcon />
        </span>
      }
    >
      <img src={url()} alt="" class="pick-thumb" />
    </Show>
  );
}

/**
 * What was picked, dropped or pasted, before it is sent: pictures previewed, sizes checked
 * against the server's limit, and the choice of a smaller copy (default) or the original.
 */
export function SendFiles(props: {
  files: File[];
  peerName: string;
  peer: string;
  maxFileSize: number | undefined;
  noService: boolean;
  onDone: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const [files, setFiles] = createSignal(props.files);
  const [original, setOriginal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [caption, setCaption] = createSignal('');
  onMount(() => dialog.showModal());

  const over = (f: File) => props.maxFileSize !== undefined && f.size > props.maxFileSize;
  const limit = () => formatLimit(props.maxFileSize ?? 0);
  const hasPictures = () => files().some((f) => /^image\/(jpeg|png|webp)$/.test(f.type));
  const sendable = () => !props.noService && files().length > 0 && !files().some(over);

  async function send() {
    setBusy(true);
    setError('');
    try {
      for (const f of files()) {
        const prepared = await prepareFile(f, { smaller: !original() });
        // The caption goes with the first file, so it shows under what it talks about.
        const sending = sendFile(props.peer, prepared, props.maxFileSize, caption());
        jumpToNewest(props.peer);
        await sending;
        setCaption('');
        setFiles((list) => list.filter((x) => x !== f));
      }
      dialog.close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="send-files"
      aria-label={t('file.sendTitle', { name: props.peerName })}
      onClose={() => props.onDone()}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (sendable()) void send();
        }}
      >
        <h2>{t('file.sendTitle', { name: props.peerName })}</h2>
        <ul class="picked">
          <For each={files()}>
            {(f) => (
              // The name as it will be sent: bidi controls shown, any path dropped.
              <li classList={{ over: over(f) }}>
                <Thumb file={f} />
                <span class="file-text">
                  <bdi class="file-name">{cleanFileName(f.name)}</bdi>
                  <span class="file-meta">{formatBytes(f.size)}</span>
                  <Show when={over(f)}>
                    <span class="file-error" role="alert">
                      {t('file.tooLarge', { name: cleanFileName(f.name), limit: limit() })}
                    </span>
                  </Show>
                </span>
                <button
                  type="button"
                  class="icon"
                  aria-label={t('file.remove', { name: cleanFileName(f.name) })}
                  onClick={() => {
                    setFiles((list) => list.filter((x) => x !== f));
                    if (files().length === 0) dialog.close();
                  }}
                >
                  ✕
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.noService}>
          <p class="file-error" role="alert">
            {t('file.noService')}
          </p>
        </Show>
        <label class="caption-field">
          <span>{t('file.caption')}</span>
          <textarea
            rows="2"
            value={caption()}
            placeholder={t('file.captionHint')}
            onInput={(e) => setCaption(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter sends, as in the composer; Shift+Enter is a new line.
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                if (sendable() && !busy()) void send();
              }
            }}
          />
        </label>
        <Show when={hasPictures()}>
          <label class="check">
            <input
              type="checkbox"
              checked={original()}
              onChange={(e) => setOriginal(e.currentTarget.checked)}
            />
            {t('file.original')}
          </label>
        </Show>
        <Show when={error()}>
          <p class="file-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t('file.cancel')}
          </button>
          <button type="submit" class="primary" disabled={!sendable() || busy()}>
            {t('file.send')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
