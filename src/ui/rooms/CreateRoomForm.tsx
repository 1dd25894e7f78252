import { createSignal, createUniqueId, Show } from 'solid-js';
import { createRoom, defaultNick, type RoomConfig, roomAddress } from '../../app/rooms';
import { FormActions } from '../FormActions';
import { t } from '../lib/i18n';
import { roomErrorText } from './roomErrors';

/** An address part from a room's name: lower case, dashes for spaces, no reserved signs. */
export function addressFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}._-]/gu, '')
    .slice(0, 64);
}

/** Create a room on the server's group-chat service, configured as asked. */
export function CreateRoomForm(props: {
  service: string | null;
  serviceState: 'loading' | 'ready' | 'none' | 'error';
  onDone: (room: string) => void;
  onCancel: () => void;
}) {
  let form!: HTMLFormElement;
  const id = createUniqueId();
  const [local, setLocal] = createSignal('');
  // Until the address is edited by hand, it follows the name.
  const [edited, setEdited] = createSignal(false);
  const [error, setError] = createSignal('');
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const checked = (name: string) => field(name).checked;

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      const room = roomAddress(local(), props.service ?? undefined);
      const name = field('name').value.trim();
      const description = field('description').value.trim();
      const password = field('password').value;
      const config: RoomConfig = {
        persistent: checked('persistent'),
        membersOnly: checked('membersOnly'),
        allowInvites: checked('allowInvites'),
        archive: checked('archive'),
        public: checked('public'),
        ...(name ? { name } : {}),
        ...(description ? { description } : {}),
        ...(password ? { password } : {}),
      };
      await createRoom(room, field('nick').value, config);
      props.onDone(room);
    } catch (err) {
      setError(roomErrorText(err));
    }
  }

  const check = (name: string, label: string, on: boolean) => (
    <label class="check">
      <input name={name} type="checkbox" checked={on} />
      {label}
    </label>
  );

  return (
    <form ref={form} onSubmit={submit}>
      <Show when={props.serviceState === 'loading'}>
        <p class="field-hint">{t('rooms.findingService')}</p>
      </Show>
      <label>
        {t('rooms.name')}
        <input
          name="name"
          type="text"
          required
          maxLength={100}
          onInput={(e) => {
            if (!edited()) setLocal(addressFromName(e.currentTarget.value));
          }}
        />
      </label>
      <label>
        {t('rooms.newAddress')}
        <span class="address-field">
          <input
            name="local"
            type="text"
            autocapitalize="off"
            spellcheck={false}
            required
            value={local()}
            aria-describedby={`${id}-domain`}
            onInput={(e) => {
              setEdited(true);
              setLocal(e.currentTarget.value);
            }}
          />
          <span id={`${id}-domain`} class="domain">
            @{props.service ?? '…'}
          </span>
        </span>
      </label>
      <label>
        {t('rooms.description')}
        <input name="description" type="text" maxLength={500} />
      </label>
      <fieldset class="checks">
        <legend>{t('rooms.settings')}</legend>
        {check('persistent', t('rooms.persistent'), true)}
        {check('membersOnly', t('rooms.membersOnly'), false)}
        {check('allowInvites', t('rooms.allowInvites'), true)}
        {check('archive', t('rooms.archive'), true)}
        {check('public', t('rooms.public'), true)}
      </fieldset>
      <label>
        {t('rooms.newPassword')}
        <input name="password" type="password" autocomplete="new-password" />
      </label>
      <label>
        {t('rooms.nick')}
        <input name="nick" type="text" value={defaultNick()} required maxLength={64} />
      </label>
      <FormActions
        error={error()}
        submit={t('rooms.create')}
        onCancel={() => props.onCancel()}
        disabled={props.serviceState !== 'ready' && !local().includes('@')}
      />
    </form>
  );
}
