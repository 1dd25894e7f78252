import { For, Show } from 'solid-js';
import { isMuted } from '../../app/notify/decide';
import { type MuteChoice, mutesQuery, setMute } from '../../app/notify/prefs';
import type { MessageKey } from '../../i18n';
import { t } from '../lib/i18n';
import { BellIcon } from '../lib/icons';
import { createLive } from '../lib/live';
import { muteLabel } from './muteState';

const CHOICES: Array<{ choice: MuteChoice; key: MessageKey; room?: boolean }> = [
  { choice: 'all', key: 'mute.all' },
  { choice: 'mentions', key: 'mute.mentions', room: true },
  { choice: 'hour', key: 'mute.hour' },
  { choice: 'eightHours', key: 'mute.eightHours' },
  { choice: 'day', key: 'mute.day' },
  { choice: 'forever', key: 'mute.forever' },
];

/** The header's bell: the conversation's notifications (all, mentions only, muted for a while). */
export function MuteMenu(props: { peer: string; name: string; room: boolean }) {
  let dialog!: HTMLDialogElement;
  const mutes = createLive(() => mutesQuery, {});
  const mute = () => mutes()[props.peer];
  const current = (): MuteChoice => {
    const m = mute();
    if (m?.mode === 'mentions') return 'mentions';
    if (!isMuted(m, Date.now()) || m?.mode !== 'muted') return 'all';
    return m.until === null ? 'forever' : 'hour';
  };
  async function choose(choice: MuteChoice) {
    dialog.close();
    await setMute(props.peer, choice);
  }
  return (
    <>
      <button
        type="button"
        class="icon mute-toggle"
        aria-label={t('mute.button')}
        title={muteLabel(mute())}
        aria-haspopup="dialog"
        onClick={() => dialog.showModal()}
      >
        <BellIcon off={current() !== 'all'} />
      </button>
      <dialog ref={dialog} aria-labelledby={`mute-title-${props.peer}`} class="mute-dialog">
        <h2 id={`mute-title-${props.peer}`}>{t('mute.title', { name: props.name })}</h2>
        <p class="hint">{muteLabel(mute())}</p>
        <div class="mute-choices">
          <For each={CHOICES.filter((c) => !c.room || props.room)}>
            {(c) => (
              <button type="button" onClick={() => void choose(c.choice)}>
                {t(c.key)}
              </button>
            )}
          </For>
        </div>
        <div class="actions">
          <button type="button" class="primary" onClick={() => dialog.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The crossed bell a muted conversation shows in the chat list. */
export function MutedMark(props: { show: boolean }) {
  return (
    <Show when={props.show}>
      <span class="muted-mark" role="img" aria-label={t('mute.muted')}>
        <BellIcon off size={14} />
      </span>
    </Show>
  );
}
