import { createSignal, createUniqueId } from 'solid-js';
import { defaultNick, joinRoom, roomAddress } from '../../app/rooms';
import { FormActions } from '../FormActions';
import { t } from '../lib/i18n';
import { roomErrorText } from './roomErrors';

/** Join a room by its address (or its name on the server's group-chat service). */
export function JoinRoomForm(props: {
  service: string | null;
  /** The address to fill in (from an xmpp: link); the person still clicks Join. */
  address?: string;
  onDone: (room: string) => void;
  onCancel: () => void;
}) {
  let address!: HTMLInputElement;
  let nick!: HTMLInputElement;
  let password!: HTMLInputElement;
  const id = createUniqueId();
  const [error, setError] = createSignal('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      const room = roomAddress(address.value, props.service ?? undefined);
      await joinRoom(room, nick.value, password.value);
      props.onDone(room);
    } catch (err) {
      setError(roomErrorText(err));
      address.focus();
    }
  }

  return (
    <form onSubmit={submit}>
      <label>
        {t('rooms.address')}
        <input
          ref={address}
          type="text"
          value={props.address ?? ''}
          autocapitalize="off"
          spellcheck={false}
          required
          aria-describedby={`${id}-hint`}
        />
      </label>
      <p class="field-hint" id={`${id}-hint`}>
        {props.service
          ? t('rooms.addressHint', { service: props.service })
          : t('rooms.addressHintFull')}
      </p>
      <label>
        {t('rooms.nick')}
        <input ref={nick} type="text" value={defaultNick()} required maxLength={64} />
      </label>
      <label>
        {t('rooms.password')}
        <input ref={password} type="password" autocomplete="off" />
      </label>
      <FormActions error={error()} submit={t('rooms.join')} onCancel={() => props.onCancel()} />
    </form>
  );
}
