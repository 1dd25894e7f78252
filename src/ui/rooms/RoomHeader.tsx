import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import type { Room } from '../../app/rooms';
import { t } from '../lib/i18n';
import { GroupIcon, MoreIcon } from '../lib/icons';
import { MuteMenu } from '../notify/MuteMenu';

export type RoomAction = 'invite' | 'nick' | 'subject' | 'leave';

/** A room's name and subject, who is there, and what the person can do with the room. */
export function RoomHeader(props: {
  room: Room | undefined;
  jid: string;
  name: string;
  count: number;
  peopleOpen: boolean;
  peopleId: string;
  onBack: () => void;
  onPeople: () => void;
  onAction: (action: RoomAction) => void;
}) {
  const id = createUniqueId();
  const [menu, setMenu] = createSignal(false);
  let wrap!: HTMLDivElement;
  let toggle!: HTMLButtonElement;
  const joined = () => props.room?.status === 'joined';
  // Prosody lets moderators change the subject by default; others are refused in words.
  const canSubject = () => joined() && props.room?.role === 'moderator';

  const outside = (e: Event) => {
    if (menu() && !wrap.contains(e.target as Node)) setMenu(false);
  };
  const onEscape = (e: KeyboardEvent) => {
    if (menu() && e.key === 'Escape' && wrap.contains(document.activeElement)) {
      setMenu(false);
      toggle.focus();
    }
  };
  document.addEventListener('pointerdown', outside);
  document.addEventListener('keydown', onEscape);
  onCleanup(() => {
    document.removeEventListener('pointerdown', outside);
    document.removeEventListener('keydown', onEscape);
  });

  function act(action: RoomAction) {
    // The item goes with the menu: focus the menu's button, where a dialog gives it back.
    if (menu()) toggle.focus();
    setMenu(false);
    props.onAction(action);
  }

  return (
    <header class="chat-head room-head">
      <button
        type="button"
        class="icon back"
        aria-label={t('nav.back')}
        onClick={() => props.onBack()}
      >
        ‹
      </button>
      <span class="room-icon" aria-hidden="true">
        <GroupIcon />
      </span>
      <div class="chat-title">
        <h2>{props.name}</h2>
        <p class="status subject" title={props.room?.subject ?? props.jid}>
          {props.room?.subject || props.jid}
        </p>
        <Show when={props.room?.description}>
          {(d) => (
            <p class="status room-description" title={d()}>
              {d()}
            </p>
          )}
        </Show>
      </div>
      <Show when={canSubject()}>
        <button type="button" class="link subject-edit" onClick={() => act('subject')}>
          {t('room.changeSubject')}
        </button>
      </Show>
      <button
        type="button"
        class="people-toggle"
        aria-expanded={props.peopleOpen}
        aria-controls={props.peopleId}
        aria-label={t('room.occupants', { n: props.count })}
        title={t('room.occupants', { n: props.count })}
        onClick={() => props.onPeople()}
      >
        <GroupIcon size={16} />
        <span aria-hidden="true">{props.count}</span>
      </button>
      <MuteMenu peer={props.jid} name={props.name} room />
      <div class="menu-wrap" ref={wrap}>
        <button
          ref={toggle}
          type="button"
          class="icon"
          aria-label={t('room.menu')}
          title={t('room.menu')}
          aria-expanded={menu()}
          aria-controls={id}
          onClick={() => setMenu(!menu())}
        >
          <MoreIcon />
        </button>
        <Show when={menu()}>
          <div class="menu" id={id}>
            <button type="button" disabled={!joined()} onClick={() => act('invite')}>
              {t('room.invite')}
            </button>
            <button type="button" disabled={!joined()} onClick={() => act('nick')}>
              {t('room.changeNick')}
            </button>
            <Show when={canSubject()}>
              <button type="button" class="menu-subject" onClick={() => act('subject')}>
                {t('room.changeSubject')}
              </button>
            </Show>
            <Show when={props.room?.status !== 'left'}>
              <button type="button" class="danger" onClick={() => act('leave')}>
                {t('room.leave')}
              </button>
            </Show>
          </div>
        </Show>
      </div>
    </header>
  );
}
