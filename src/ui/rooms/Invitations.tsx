import { createSignal, For, Show } from 'solid-js';
import {
  acceptInvite,
  declineInvite,
  defaultNick,
  type InviteView,
  invitesQuery,
} from '../../app/rooms';
import { ErrorLine } from '../ErrorLine';
import { t } from '../lib/i18n';
import { createLiveList } from '../lib/live';
import { roomErrorText } from './roomErrors';

/** Invitations to rooms, each accepted (joining with the default nickname) or declined. */
export function Invitations(props: { onOpen?: (room: string) => void }) {
  const list = createLiveList(() => () => invitesQuery()(), 'room');
  const [error, setError] = createSignal('');
  async function accept(invite: InviteView) {
    setError('');
    try {
      await acceptInvite(invite, defaultNick());
      props.onOpen?.(invite.room);
    } catch (err) {
      setError(roomErrorText(err));
    }
  }

  return (
    <Show when={list.rows.length > 0}>
      <section class="requests invites" aria-label={t('invites.title')}>
        <h2>{t('invites.title')}</h2>
        <ul>
          <For each={list.rows}>
            {(inv) => (
              <li class="request">
                <span title={`${inv.from} → ${inv.room}`}>
                  {t('invites.from', { from: inv.inviterName, room: inv.roomLabel })}
                </span>
                <Show when={inv.description}>
                  <span class="invite-description">{inv.description}</span>
                </Show>
                <Show when={inv.reason}>
                  <q class="invite-reason">{inv.reason}</q>
                </Show>
                <span class="actions">
                  <button
                    type="button"
                    class="primary"
                    aria-label={t('invites.acceptName', { room: inv.roomLabel })}
                    onClick={() => void accept(inv)}
                  >
                    {t('invites.accept')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('invites.declineName', { room: inv.roomLabel })}
                    onClick={() => void declineInvite(inv)}
                  >
                    {t('invites.decline')}
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
        <ErrorLine text={error()} />
      </section>
    </Show>
  );
}
