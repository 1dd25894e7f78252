import { createEffect, createSignal, createUniqueId } from 'solid-js';
import { FormActions } from '../FormActions';
import { roomErrorText } from './roomErrors';

/** A dialog that asks for one line of text (a nickname, a subject), shown while `open`. */
export function PromptDialog(props: {
  open: boolean;
  title: string;
  label: string;
  submit: string;
  value?: string;
  maxLength?: number;
  required?: boolean;
  onSubmit: (value: string) => Promise<void> | void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  let input!: HTMLInputElement;
  const id = createUniqueId();
  const [error, setError] = createSignal('');

  createEffect(() => {
    if (props.open && !dialog.open) {
      setError('');
      input.value = props.value ?? '';
      dialog.showModal();
      input.select();
    } else if (!props.open && dialog.open) dialog.close();
  });

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await props.onSubmit(input.value);
      dialog.close();
    } catch (err) {
      setError(roomErrorText(err));
      input.focus();
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{props.title}</h2>
        <label>
          {props.label}
          <input
            ref={input}
            type="text"
            maxLength={props.maxLength ?? 1000}
            required={props.required ?? false}
          />
        </label>
        <FormActions error={error()} submit={props.submit} onCancel={() => dialog.close()} />
      </form>
    </dialog>
  );
}
