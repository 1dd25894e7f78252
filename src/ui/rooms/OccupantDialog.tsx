import { createEffect, createSignal, createUniqueId, Show } from 'solid-js';
import { banFromRoom, type Occupant, type Room, setRole } from '../../app/rooms';
import { ErrorLine } from '../ErrorLine';
import { t } from '../lib/i18n';
import { PresenceDot } from '../PresenceDot';
import { occupantLabel } from './occupantLabel';
import { roomErrorText } from './roomErrors';

/**
 * What can be done with one person in a room: a private message for anyone; kick and voice
 * for moderators; ban for admins and owners, when the room shows the person's address.
 */
export function OccupantDialog(props: {
  occupant: Occupant | null;
  me: Room | undefined;
  onPrivate: (o: Occupant) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  let reason!: HTMLInputElement;
  const id = createUniqueId();
  const [confirmBan, setConfirmBan] = createSignal(false);
  const [error, setError] = createSignal('');
  const o = () => props.occupant;
  const nick = () => o()?.nick ?? '';
  const joined = () => props.me?.status === 'joined';
  const outranks = () => {
    const target = o()?.affiliation;
    const mine = props.me?.affiliation;
    if (target === 'owner') return false;
    if (target === 'admin') return mine === 'owner';
    return true;
  };
  const canModerate = () => joined() && props.me?.role === 'moderator' && outranks();
  const canBan = () =>
    canModerate() &&
    (props.me?.affiliation === 'owner' || props.me?.affiliation === 'admin') &&
    Boolean(o()?.jid);

  createEffect(() => {
    if (o() && !dialog.open) {
      setConfirmBan(false);
      setError('');
      if (reason) reason.value = '';
      dialog.showModal();
    } else if (!o() && dialog.open) dialog.close();
  });

  async function run(work: () => Promise<void>) {
    setError('');
    try {
      await work();
      dialog.close();
    } catch (err) {
      setError(roomErrorText(err));
    }
  }
  const room = () => props.me?.jid ?? '';
  const why = () => reason?.value ?? '';

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <Show when={o()}>
        {(occ) => (
          <div class="occupant-card">
            <h2 id={`${id}-title`}>
              <PresenceDot show={occ().show} /> {occ().nick}
            </h2>
            <p class="status">
              {[occupantLabel(occ()), occ().jid, occ().status].filter(Boolean).join(' · ')}
            </p>
            <button type="button" class="primary" onClick={() => props.onPrivate(occ())}>
              {t('occ.private', { nick: nick() })}
            </button>
            <Show when={canModerate()}>
              <label>
                {t('occ.reason')}
                <input ref={reason} type="text" maxLength={500} />
              </label>
              <div class="occupant-actions">
                <button
                  type="button"
                  onClick={() => void run(() => setRole(room(), nick(), 'none', why()))}
                >
                  {t('occ.kick', { nick: nick() })}
                </button>
                <Show when={occ().role === 'visitor'}>
                  <button
                    type="button"
                    onClick={() => void run(() => setRole(room(), nick(), 'participant'))}
                  >
                    {t('occ.voice', { nick: nick() })}
                  </button>
                </Show>
                <Show when={occ().role === 'participant'}>
                  <button
                    type="button"
                    onClick={() => void run(() => setRole(room(), nick(), 'visitor'))}
                  >
                    {t('occ.mute', { nick: nick() })}
                  </button>
                </Show>
                <Show when={canBan() && !confirmBan()}>
                  <button type="button" class="danger" onClick={() => setConfirmBan(true)}>
                    {t('occ.ban', { nick: nick() })}
                  </button>
                </Show>
              </div>
              <Show when={canBan() && confirmBan()}>
                <div class="confirm">
                  <p>{t('occ.banConfirm', { nick: nick() })}</p>
                  <div class="actions">
                    <button type="button" onClick={() => setConfirmBan(false)}>
                      {t('common.cancel')}
                    </button>
                    <button
                      type="button"
                      class="danger primary"
                      onClick={() => void run(() => banFromRoom(room(), occ().jid ?? '', why()))}
                    >
                      {t('occ.banYes', { nick: nick() })}
                    </button>
                  </div>
                </div>
              </Show>
            </Show>
            <ErrorLine text={error()} />
            <div class="actions">
              <button type="button" onClick={() => dialog.close()}>
                {t('common.close')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </dialog>
  );
}
