import { onMount, Show } from 'solid-js';
import { t } from '../lib/i18n';

/** Full-size picture or video over the app; Esc, the close button or a click outside close it. */
export function Viewer(props: {
  src: string;
  kind: 'image' | 'video';
  name: string;
  onClose: () => void;
  onDownload: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes; Esc is the keyboard way
    <dialog
      ref={dialog}
      class="viewer"
      aria-label={t('file.viewer', { name: props.name })}
      onClose={() => props.onClose()}
      onClick={(e) => {
        if (e.target === dialog) dialog.close();
      }}
    >
      <div class="viewer-bar">
        <bdi class="viewer-name">{props.name}</bdi>
        <button type="button" class="link" onClick={() => props.onDownload()}>
          {t('file.download', { name: '' }).trim()}
        </button>
        <button
          type="button"
          class="icon"
          aria-label={t('file.close')}
          onClick={() => dialog.close()}
        >
          ✕
        </button>
      </div>
      <Show
        when={props.kind === 'video'}
        fallback={<img src={props.src} alt={props.name} class="viewer-media" />}
      >
        {/* biome-ignore lint/a11y/useMediaCaption: people's own videos have no captions */}
        <video src={props.src} controls autoplay class="viewer-media" />
      </Show>
    </dialog>
  );
}
