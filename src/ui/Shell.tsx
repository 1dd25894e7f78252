import {
  createEffect,
  createMemo,
  createSignal,
  lazy,
  Match,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import { openConversation } from '../app/commands';
import { totalUnreadQuery } from '../app/queries';
import { roomJidsQuery } from '../app/rooms';
import { ChatPane } from './ChatPane';
import { ConnectionBar } from './ConnectionBar';
import { ContactList } from './ContactList';
import { ConversationList } from './ConversationList';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { OwnPresence } from './OwnPresence';
import { RequestBadge } from './RequestBadge';
import { Settings } from './Settings';
import { TaskError } from './TaskError';

// Group chat is a screen of its own: loaded when a room is first opened.
const RoomPane = lazy(() => import('./rooms/RoomPane').then((m) => ({ default: m.RoomPane })));

export function Shell() {
  const [peer, setPeer] = createSignal<string | null>(null);
  const [tab, setTab] = createSignal<'chats' | 'contacts'>('chats');
  const unread = createLive(() => totalUnreadQuery, 0);
  const roomJids = createLive(() => () => roomJidsQuery()(), [] as string[]);
  // A room's conversation has the room's address as its peer; private messages are room/nick.
  const isRoom = createMemo(() => {
    const p = peer();
    return p !== null && roomJids().includes(p);
  });

  createEffect(() => {
    const n = unread();
    document.title = n > 0 ? t('title.unread', { n }) : t('app.name');
  });
  onCleanup(() => {
    document.title = t('app.name');
  });

  // A message counts as read only while its conversation is on screen and the page visible.
  createEffect(() => {
    const p = peer();
    void openConversation(document.hidden ? null : p);
  });
  const onVisibility = () => {
    const p = peer();
    // Shown again: the open conversation is read (openConversation marks it).
    void openConversation(document.hidden ? null : p);
  };
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));

  const open = (jid: string) => {
    setPeer(jid);
    setTab('chats');
  };

  return (
    <div class="shell" classList={{ 'has-chat': peer() !== null }}>
      <aside class="sidebar">
        <header class="sidebar-head">
          <OwnPresence />
          <Settings />
        </header>
        <ConnectionBar />
        <TaskError />
        <div class="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab() === 'chats'}
            onClick={() => setTab('chats')}
          >
            {t('nav.chats')}
            <Show when={unread() > 0}>
              <span class="badge">{unread()}</span>
            </Show>
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab() === 'contacts'}
            onClick={() => setTab('contacts')}
          >
            {t('nav.contacts')}
            <RequestBadge />
          </button>
        </div>
        <Switch>
          <Match when={tab() === 'chats'}>
            <ConversationList selected={peer()} onSelect={open} />
          </Match>
          <Match when={tab() === 'contacts'}>
            <ContactList onSelect={open} />
          </Match>
        </Switch>
      </aside>
      <Show when={peer()} fallback={<section class="chat empty-chat">{t('chat.none')}</section>}>
        {(p) => (
          <Show when={isRoom()} fallback={<ChatPane peer={p()} onBack={() => setPeer(null)} />}>
            <RoomPane room={p()} onBack={() => setPeer(null)} onOpen={open} />
          </Show>
        )}
      </Show>
    </div>
  );
}
