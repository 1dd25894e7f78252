import { createEffect, createSignal, Show } from 'solid-js';
import { MAX_NICK, ownProfileQuery, setAvatar, setNickname } from '../../app/people';
import { ErrorLine } from '../ErrorLine';
import { errorText } from '../errors';
import { type Crop, cropAvatar, MAX_SOURCE_BYTES } from '../lib/avatarImage';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';
import { Avatar } from './Avatar';
import { AvatarCrop } from './AvatarCrop';

/** Settings: the name and picture others see (XEP-0172, XEP-0084). */
export function ProfileSettings() {
  const me = createLive(() => ownProfileQuery, undefined);
  const [nick, setNick] = createSignal('');
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  let file!: HTMLInputElement;
  // The field starts from what is published, and follows it until the person types.
  let edited = false;
  createEffect(() => {
    const n = me()?.nick;
    if (n !== undefined && !edited) setNick(n);
  });

  async function saveNick(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await setNickname(nick());
      edited = false;
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  }

  // The picture picked, while the person chooses its square.
  const [picked, setPicked] = createSignal<File | null>(null);
  function pick() {
    const f = file.files?.[0];
    file.value = '';
    if (!f) return;
    setError('');
    if (f.size > MAX_SOURCE_BYTES) setError(t('profile.pictureBad'));
    else setPicked(f);
  }
  async function use(f: Blob, crop: Crop) {
    try {
      await setAvatar(await cropAvatar(f, crop));
    } catch (err) {
      setError(
        (err as Error).message === 'too-large' || (err as Error).name === 'InvalidStateError'
          ? t('profile.pictureBad')
          : errorText(err),
      );
    }
  }

  return (
    <section class="profile-settings" aria-labelledby="profile-title">
      <h3 id="profile-title">{t('profile.title')}</h3>
      <div class="profile-picture">
        <Show when={me()}>
          {(p) => <Avatar jid={p().account} name={p().nick || p().account} size={72} />}
        </Show>
        <label class="button">
          {t('profile.pictureChoose')}
          <input
            ref={file}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            class="sr-only"
            onChange={pick}
          />
        </label>
      </div>
      <Show when={picked()}>
        {(f) => (
          <AvatarCrop
            file={f()}
            onUse={(crop) => {
              const chosen = f();
              setPicked(null);
              void use(chosen, crop);
            }}
            onCancel={() => setPicked(null)}
            onBad={() => {
              setPicked(null);
              setError(t('profile.pictureBad'));
            }}
          />
        )}
      </Show>
      <p class="hint">{t('profile.pictureHint')}</p>
      <form class="profile-nick" onSubmit={(e) => void saveNick(e)}>
        <label>
          {t('profile.nick')}
          <input
            type="text"
            maxLength={MAX_NICK}
            value={nick()}
            onInput={(e) => {
              edited = true;
              setSaved(false);
              setNick(e.currentTarget.value);
            }}
          />
        </label>
        <button type="submit">{t('profile.nickSave')}</button>
        <Show when={saved()}>
          <span role="status">{t('profile.nickSaved')}</span>
        </Show>
      </form>
      <ErrorLine text={error()} />
    </section>
  );
}
