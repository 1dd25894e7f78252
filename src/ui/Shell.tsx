import { HashRouter, Route, useLocation, useNavigate, useSearchParams } from '@solidjs/router';
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
import { countedUnreadQuery } from '../app/notify/prefs';
import { peerKindQuery } from '../app/queries';
import { roomJidsQuery } from '../app/rooms';
import { supportInboxQuery } from '../app/supportTeam';
import { parseXmppUri } from '../app/xmppUri';
import { SkipToComposer } from './a11y/SkipToComposer';
import { ChatPane } from './ChatPane';
import { ConnectionBar } from './ConnectionBar';
import { ContactList } from './ContactList';
import { ConversationList } from './ConversationList';
import { markShown, putListBehind } from './lib/history';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { chatPath, listPath, placeOf, roomPath } from './lib/routes';
import { Notifications } from './notify/Notifications';
import { OwnPresence } from './OwnPresence';
import { SharePicker } from './pwa/SharePicker';
import { RequestBadge } from './RequestBadge';
import { Settings } from './Settings';
import { Shortcuts } from './Shortcuts';
import { SearchBox } from './search/SearchBox';
import { SupportInbox } from './support/SupportInbox';
import { TaskError } from './TaskError';

// Group chat is a screen of its own: loaded when a room is first opened.
const RoomPane = lazy(() => import('./rooms/RoomPane').then((m) => ({ default: m.RoomPane })));

/**
 * Places are hash routes (#/chat/alice@example.com), so any static server can serve the app.
 * The router lives in this chunk: the sign-in screen neither needs nor loads it, and a URL
 * opened while signed out waits in the address bar. One route holds the whole screen, which
 * reads its place from the path: moving between conversations never rebuilds the list.
 */
export function Shell() {
  putListBehind();
  return (
    <HashRouter>
      <Route path="/*rest" component={Screen} />
    </HashRouter>
  );
}

function Screen() {
  const location = useLocation();
  const navigate = useNavigate();
  const [query, setQuery] = useSearchParams<{
    body?: string;
    join?: string;
    id?: string;
    tab?: string;
    groups?: string;
  }>();
  const place = createMemo(() => placeOf(location.pathname));
  const peer = createMemo(() => {
    const p = place();
    return p.view === 'chat' || p.view === 'room' ? p.jid : null;
  });
  const [tab, setTab] = createSignal<'chats' | 'contacts' | 'support'>('chats');
  const [help, setHelp] = createSignal(false);
  // Search results cover the lists; a message opened from them is shown in place.
  const [searching, setSearching] = createSignal(false);
  const [found, setFound] = createSignal<{ peer: string; id: string } | null>(null, {
    equals: false,
  });
  const anchorFor = (p: string) => {
    const f = found();
    return f?.peer === p ? f.id : undefined;
  };
  // The support inbox is a tab of its own once this account is in a shopper's room.
  const support = createLive(() => supportInboxQuery('all'), []);
  // Muted conversations are left out of the title, the tab's icon and the app badge.
  const unread = createLive(() => () => countedUnreadQuery(), 0);
  const roomJids = createLive(() => () => roomJidsQuery()(), [] as string[]);
  // What the open conversation is, as stored on it (a room's peer is the room's address too).
  // Kept with its peer: right after a switch, the answer still held is the last peer's.
  const kind = createLive(() => {
    const p = peer();
    return p === null ? null : () => peerKindQuery(p).then((k) => ({ peer: p, kind: k }));
  }, undefined);
  // Read again with every message (the conversation's row changes), but the same answer changes
  // nothing: the open pane's queries are not started again for it.
  const openKind = createMemo(() => kind(), undefined, {
    equals: (a, b) => a?.peer === b?.peer && a?.kind === b?.kind,
  });
  const kindOf = (p: string) => {
    const k = openKind();
    return k?.peer === p ? k.kind : undefined;
  };
  const isRoom = createMemo(() => {
    const p = peer();
    return place().view === 'room' || (p !== null && kindOf(p) === 'room');
  });

  createEffect(() => {
    const n = unread();
    document.title = n > 0 ? t('title.unread', { n }) : t('app.name');
  });
  onCleanup(() => {
    document.title = t('app.name');
  });

  createEffect(() => {
    location.pathname;
    markShown();
  });

  // No conversation on screen (and none left over from before a reload): nothing is read
  // live. An open one decides for itself (MessageList: at its newest, the page active).
  createEffect(() => {
    if (peer() === null) void openConversation(null);
  });

  // #/open?uri=xmpp:... (a link, or the browser's xmpp: handler): replaced by the place it
  // names. It only prefills or offers: nothing is sent or joined without a click.
  createEffect(() => {
    if (place().view !== 'open') return;
    const uri = new URLSearchParams(location.search).get('uri') ?? '';
    const parsed = parseXmppUri(uri);
    if (!parsed.ok) {
      console.warn('xmpp: URI not opened:', parsed.reason);
      navigate(listPath(), { replace: true });
    } else if (parsed.target.action === 'join') {
      const room = parsed.target.room;
      if (roomJids().includes(room)) navigate(roomPath(room), { replace: true });
      else navigate(`${listPath()}?join=${encodeURIComponent(room)}`, { replace: true });
    } else {
      const { jid, body } = parsed.target;
      const q = body ? `?body=${encodeURIComponent(body)}` : '';
      navigate(`${chatPath(jid)}${q}`, { replace: true });
    }
  });

  // The join form for an xmpp:...?join link lives on the Chats tab.
  createEffect(() => {
    if (query.join) setTab('chats');
  });

  // The installed app's shortcuts (manifest.webmanifest): "New chat" is the contact list,
  // "Group chats" the group chats dialog.
  createEffect(() => {
    if (query.groups === 'open') setTab('chats');
    if (query.tab === 'contacts') {
      setTab('contacts');
      setQuery({ tab: undefined }, { replace: true });
    }
  });

  const open = (jid: string) => {
    setFound(null);
    setTab('chats');
    navigate(roomJids().includes(jid) ? roomPath(jid) : chatPath(jid));
  };
  const openFound = (jid: string, messageId?: string) => {
    open(jid);
    if (messageId) setFound({ peer: jid, id: messageId });
  };
  const openRoom = (jid: string) => {
    setFound(null);
    setTab('chats');
    navigate(roomPath(jid));
  };
  // The app put a list entry behind every conversation (lib/history.ts): going back is Back.
  const back = () => window.history.back();

  return (
    <div class="shell" classList={{ 'has-chat': peer() !== null }}>
      <Show when={peer()}>
        <SkipToComposer />
      </Show>
      <Shortcuts peer={peer()} onOpen={open} help={help()} onHelp={setHelp} />
      <aside class="sidebar">
        <header class="sidebar-head">
          <OwnPresence />
          <Settings onShortcuts={() => setHelp(true)} />
        </header>
        <ConnectionBar />
        <TaskError />
        <Notifications count={unread()} openPeer={peer()} />
        <SearchBox onOpen={openFound} onActive={setSearching} />
        <div class="sidebar-lists" hidden={searching()}>
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
            <Show when={support().length > 0}>
              <button
                type="button"
                role="tab"
                aria-selected={tab() === 'support'}
                onClick={() => setTab('support')}
              >
                {t('support.tab')}
              </button>
            </Show>
          </div>
          <Switch>
            <Match when={tab() === 'chats'}>
              <ConversationList
                selected={peer()}
                onSelect={open}
                onClosed={() => navigate(listPath())}
                onOpenRoom={openRoom}
                join={query.join}
                onJoinShown={() => setQuery({ join: undefined }, { replace: true })}
                showGroups={query.groups === 'open'}
                onGroupsShown={() => setQuery({ groups: undefined }, { replace: true })}
              />
            </Match>
            <Match when={tab() === 'contacts'}>
              <ContactList onSelect={open} />
            </Match>
            <Match when={tab() === 'support'}>
              <SupportInbox selected={peer()} onOpen={(jid) => navigate(roomPath(jid))} />
            </Match>
          </Switch>
        </div>
      </aside>
      <Show when={place().view === 'share' && query.id}>
        {(id) => (
          <SharePicker
            id={id()}
            onSent={(p) =>
              navigate(roomJids().includes(p) ? roomPath(p) : chatPath(p), { replace: true })
            }
            onClose={() => navigate(listPath(), { replace: true })}
          />
        )}
      </Show>
      <Show when={peer()} fallback={<section class="chat empty-chat">{t('chat.none')}</section>}>
        {(p) => (
          <Show
            when={isRoom()}
            fallback={
              <ChatPane
                peer={p()}
                anchor={anchorFor(p())}
                kind={kindOf(p())}
                onBack={back}
                prefill={query.body}
                onPrefilled={() => setQuery({ body: undefined }, { replace: true })}
              />
            }
          >
            <RoomPane room={p()} onBack={back} onOpen={open} anchor={anchorFor(p())} />
          </Show>
        )}
      </Show>
    </div>
  );
}
