import { createEffect, createUniqueId, type JSX, Show } from 'solid-js';
import { t } from './lib/i18n';

/**
 * Asks before something that cannot simply be undone, shown while `open`. Cancel has the
 * focus, Esc cancels, and the focus goes back to where it was when the dialog opened.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  text?: string;
  confirm: string;
  /** A choice that goes with the confirmation (a checkbox), under the text. */
  children?: JSX.Element;
  onConfirm: () => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  let cancel!: HTMLButtonElement;
  let opener: Element | null = null;
  const id = createUniqueId();

  createEffect(() => {
    if (props.open && !dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
      cancel.focus();
    } else if (!props.open && dialog.open) dialog.close();
  });

  function closed() {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    opener = null;
    props.onClose();
  }

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={props.text ? `${id}-text` : undefined}
      onClose={closed}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <Show when={props.text}>
        <p id={`${id}-text`}>{props.text}</p>
      </Show>
      {props.children}
      <div class="actions">
        <button ref={cancel} type="button" onClick={() => dialog.close()}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            props.onConfirm();
            dialog.close();
          }}
        >
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
