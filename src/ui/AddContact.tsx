import { createSignal } from 'solid-js';
import { addContact } from '../app/commands';
import { errorText } from './errors';
import { FormActions } from './FormActions';
import { t } from './lib/i18n';

export function AddContact() {
  let dialog!: HTMLDialogElement;
  let address!: HTMLInputElement;
  let name!: HTMLInputElement;
  let group!: HTMLInputElement;
  const [error, setError] = createSignal('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await addContact(address.value, name.value, group.value);
      (e.target as HTMLFormElement).reset();
      dialog.close();
    } catch (err) {
      setError(errorText(err));
      address.focus();
    }
  }

  return (
    <>
      <button type="button" class="add" onClick={() => dialog.showModal()}>
        <span aria-hidden="true">＋</span> {t('contacts.add')}
      </button>
      <dialog ref={dialog} aria-labelledby="add-contact-title" onClose={() => setError('')}>
        <form onSubmit={submit}>
          <h2 id="add-contact-title">{t('contacts.addTitle')}</h2>
          <label>
            {t('contacts.address')}
            <input ref={address} type="text" inputmode="email" autocapitalize="off" required />
          </label>
          <label>
            {t('contacts.name')}
            <input ref={name} type="text" />
          </label>
          <label>
            {t('contacts.group')}
            <input ref={group} type="text" />
          </label>
          <FormActions
            error={error()}
            submit={t('contacts.addSubmit')}
            onCancel={() => dialog.close()}
          />
        </form>
      </dialog>
    </>
  );
}
