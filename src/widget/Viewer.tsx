import { onCleanup, onMount } from 'solid-js';
import type { Translate } from './text';

/**
 * A picture larger, over the panel (not the shop's page): Esc, the close button or a click
 * beside the picture closes it, and the caller gives the focus back to the thumbnail.
 */
export function Viewer(props: {
  src: string;
  name: string;
  t: Translate;
  onClose: () => void;
  onDownload: () => void;
}) {
  let box!: HTMLDivElement;
  let close!: HTMLButtonElement;
  let save!: HTMLButtonElement;
  // A listener of its own, not Solid's delegated one: it must stop Esc before the panel's
  // own listener (which closes the whole panel) hears it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    } else if (e.key === 'Tab') {
      // Two controls: Tab goes from one to the other, never behind the picture.
      e.preventDefault();
      e.stopPropagation();
      (e.target === close ? save : close).focus();
    }
  };
  // A tap beside the picture closes it too (Esc is its keyboard twin, above).
  const onTap = (e: MouseEvent) => {
    if (e.target === box) props.onClose();
  };
  onMount(() => {
    box.addEventListener('keydown', onKey);
    box.addEventListener('click', onTap);
    close.focus();
  });
  onCleanup(() => {
    box.removeEventListener('keydown', onKey);
    box.removeEventListener('click', onTap);
  });
  return (
    <div
      ref={box}
      class="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={props.t('file.viewer', { name: props.name })}
    >
      <div class="viewer-bar">
        <button
          ref={save}
          type="button"
          class="icon"
          aria-label={props.t('file.download', { name: props.name })}
          onClick={() => props.onDownload()}
        >
          ↓
        </button>
        <button
          ref={close}
          type="button"
          class="icon"
          aria-label={props.t('file.close')}
          onClick={() => props.onClose()}
        >
          ×
        </button>
      </div>
      <img src={props.src} alt={props.name} />
    </div>
  );
}
