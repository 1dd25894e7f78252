import { createEffect, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { useMucService } from '../../app/rooms';
import { t } from '../lib/i18n';
import { GroupIcon } from '../lib/icons';
import { CreateRoomForm } from './CreateRoomForm';
import { JoinRoomForm } from './JoinRoomForm';
import { RoomDirectory } from './RoomDirectory';

type Tab = 'join' | 'create' | 'browse';
const TABS: Tab[] = ['join', 'create', 'browse'];
const TAB_KEY = {
  join: 'rooms.tabJoin',
  create: 'rooms.tabCreate',
  browse: 'rooms.tabBrowse',
} as const;

/** The way into group chats: join one by address, create one, or pick one from the directory. */
export function GroupChats(props: {
  onOpen: (room: string) => void;
  /** Open the dialog on the join form with this room's address filled in (an xmpp: link). */
  join?: string | undefined;
  onJoinShown?: () => void;
  /** Open the dialog as it is (the installed app's "Group chats" shortcut). */
  show?: boolean | undefined;
  onShown?: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const id = createUniqueId();
  const [tab, setTab] = createSignal<Tab>('join');
  // The forms (and the directory query) exist only while the dialog is open.
  const [open, setOpen] = createSignal(false);
  const muc = useMucService();
  const service = () => muc.data ?? null;
  const serviceState = () =>
    muc.isSuccess ? (muc.data ? 'ready' : 'none') : muc.isError ? 'error' : 'loading';

  const [address, setAddress] = createSignal('');
  createEffect(() => {
    const room = props.join;
    if (!room) return;
    setAddress(room);
    setTab('join');
    setOpen(true);
    if (!dialog.open) dialog.showModal();
    props.onJoinShown?.();
  });

  createEffect(() => {
    if (!props.show) return;
    setOpen(true);
    if (!dialog.open) dialog.showModal();
    props.onShown?.();
  });

  function done(room: string) {
    dialog.close();
    props.onOpen(room);
  }

  return (
    <>
      <button
        type="button"
        class="add with-icon"
        onClick={() => {
          setOpen(true);
          dialog.showModal();
        }}
      >
        <GroupIcon size={18} /> {t('rooms.open')}
      </button>
      <dialog
        ref={dialog}
        class="rooms-dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => {
          setOpen(false);
          setAddress('');
        }}
      >
        <h2 id={`${id}-title`}>{t('rooms.title')}</h2>
        <div class="tabs" role="tablist">
          <For each={TABS}>
            {(name) => (
              <button
                type="button"
                role="tab"
                id={`${id}-${name}`}
                aria-selected={tab() === name}
                aria-controls={`${id}-panel`}
                onClick={() => setTab(name)}
              >
                {t(TAB_KEY[name])}
              </button>
            )}
          </For>
        </div>
        <Show when={open()}>
          <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab()}`}>
            <Show when={serviceState() === 'none'}>
              <p class="hint">{t('rooms.noService')}</p>
            </Show>
            <Switch>
              <Match when={tab() === 'join'}>
                <JoinRoomForm
                  service={service()}
                  address={address()}
                  onDone={done}
                  onCancel={() => dialog.close()}
                />
              </Match>
              <Match when={tab() === 'create'}>
                <CreateRoomForm
                  service={service()}
                  serviceState={serviceState()}
                  onDone={done}
                  onCancel={() => dialog.close()}
                />
              </Match>
              <Match when={tab() === 'browse'}>
                <RoomDirectory
                  service={service()}
                  serviceState={serviceState()}
                  onDone={done}
                  onCancel={() => dialog.close()}
                />
              </Match>
            </Switch>
          </div>
        </Show>
      </dialog>
    </>
  );
}
