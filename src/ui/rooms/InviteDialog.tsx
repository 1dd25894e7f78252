import { createEffect, createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { contactsQuery } from '../../app/queries';
import { inviteToRoom } from '../../app/rooms';
import { FormActions } from '../FormActions';
import { t } from '../lib/i18n';
import { createLiveList } from '../lib/live';
import { PresenceDot } from '../PresenceDot';
import { roomErrorText } from './roomErrors';

/** Invite contacts to a room: tick them, add a note if you like, send. */
export function InviteDialog(props: {
  open: boolean;
  room: string;
  roomName: string;
  /** Real addresses of who is in the room already (where the room shows them). */
  present: ReadonlySet<string>;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  let reason!: HTMLTextAreaElement;
  const id = createUniqueId();
  const contacts = createLiveList(() => (props.open ? contactsQuery : null), 'jid');
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = createSignal('');
  const [error, setError] = createSignal('');
  const shown = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return contacts.rows.filter(
      (c) => !f || c.displayName.toLowerCase().includes(f) || c.jid.includes(f),
    );
  });

  createEffect(() => {
    if (props.open && !dialog.open) {
      setChosen(new Set<string>());
      setFilter('');
      setError('');
      reason.value = '';
      dialog.showModal();
    } else if (!props.open && dialog.open) dialog.close();
  });

  function toggle(jid: string, on: boolean) {
    const next = new Set(chosen());
    if (on) next.add(jid);
    else next.delete(jid);
    setChosen(next);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (chosen().size === 0) return setError(t('invite.none'));
    try {
      await inviteToRoom(props.room, [...chosen()], reason.value);
      dialog.close();
    } catch (err) {
      setError(roomErrorText(err));
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{t('invite.title', { room: props.roomName })}</h2>
        <Show
          when={contacts.rows.length > 0}
          fallback={<p class="hint">{t('invite.noContacts')}</p>}
        >
          <Show when={contacts.rows.length > 8}>
            <label>
              {t('invite.filter')}
              <input
                type="search"
                value={filter()}
                onInput={(e) => setFilter(e.currentTarget.value)}
              />
            </label>
          </Show>
          <fieldset class="invite-list">
            <legend>{t('invite.contacts')}</legend>
            <For each={shown()}>
              {(c) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen().has(c.jid)}
                    disabled={props.present.has(c.jid)}
                    onChange={(e) => toggle(c.jid, e.currentTarget.checked)}
                  />
                  <PresenceDot show={c.show} />
                  <span class="invite-name">{c.displayName}</span>
                  <Show when={props.present.has(c.jid)}>
                    <span class="status">{t('invite.inRoom')}</span>
                  </Show>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <label>
          {t('invite.reason')}
          <textarea ref={reason} rows="2" maxLength={500} />
        </label>
        <FormActions error={error()} submit={t('invite.send')} onCancel={() => dialog.close()} />
      </form>
    </dialog>
  );
}
