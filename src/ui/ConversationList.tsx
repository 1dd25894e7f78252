import { createSignal, For, lazy, Show } from 'solid-js';
import { mutesQuery } from '../app/notify/prefs';
import { allConversationsQuery, type ConversationView } from '../app/queries';
import { currentAccount } from '../app/session';
import type { MessageKey } from '../i18n';
import { meAction } from '../shared/meAction';
import { keepFocus, moveByArrows } from './a11y/arrowKeys';
import { ConversationRow } from './chats/ConversationRow';
import { conversationName } from './chats/conversationName';
import { t } from './lib/i18n';
import { createLive, createLiveLists } from './lib/live';
import { isQuiet } from './notify/muteState';
import { OlderConversations } from './OlderConversations';
import { Invitations } from './rooms/Invitations';

const GroupChats = lazy(() =>
  import('./rooms/GroupChats').then((m) => ({ default: m.GroupChats })),
);

function previewText(c: { preview: string; previewFile?: string; previewDeleted?: true }): string {
  if (c.previewDeleted) return t('acts.deleted');
  if (!c.previewFile) return c.preview;
  const kind = t(`file.kind.${c.previewFile}` as MessageKey);
  return c.previewFile === 'voice' ? `[${kind}]` : t('file.preview', { kind, name: c.preview });
}

function preview(c: ConversationView): string {
  if (!c.preview && !c.previewFile && !c.previewDeleted) return '';
  const action = c.previewFile || c.previewDeleted ? null : meAction(c.preview);
  if (action !== null) {
    // "/me waves" reads "* Alice waves" here too (XEP-0245).
    const self = c.previewNick ?? (currentAccount() ?? '').split('@')[0] ?? '';
    const name = c.previewDirection === 'out' ? self : (c.previewNick ?? conversationName(c));
    return t('look.meAction', { name, text: action });
  }
  if (c.previewDirection === 'out') return t('conv.you', { text: previewText(c) });
  if (c.kind === 'room' && c.previewNick)
    return t('conv.nick', { nick: c.previewNick, text: previewText(c) });
  return previewText(c);
}

export function ConversationList(props: {
  selected: string | null;
  onSelect: (jid: string) => void;
  onOpenRoom: (room: string) => void;
  /** A room an xmpp:...?join link offers to join: the join form opens for it. */
  join?: string | undefined;
  onJoinShown?: () => void;
  /** The installed app's "Group chats" shortcut: the dialog opens. */
  showGroups?: boolean;
  onGroupsShown?: () => void;
  /** The open conversation was deleted: nothing is open any more. */
  onClosed?: () => void;
}) {
  let nav: HTMLElement | undefined;
  // One read of every conversation per change (this runs on every message), sorted here into
  // the list and the archived ones.
  const chats = createLiveLists(
    () => allConversationsQuery,
    'peer',
    (all) => ({
      list: all.filter((c) => c.archivedAt === undefined),
      archived: all.filter((c) => c.archivedAt !== undefined),
    }),
    { around: keepFocus(() => nav) },
  );
  const list = {
    ready: chats.ready,
    get rows() {
      return chats.lists.list ?? [];
    },
  };
  const archived = {
    get rows() {
      return chats.lists.archived ?? [];
    },
  };
  const mutes = createLive(() => mutesQuery, {});
  const quiet = (peer: string) => isQuiet(mutes()[peer]);
  // The Archived view stands in for the list until the person goes back (or it empties).
  const [archive, setArchive] = createSignal(false);
  const rowsOf = (rows: ConversationView[], label: string) => (
    <ul aria-label={label} onKeyDown={(e) => moveByArrows(e, 'li > button.row')}>
      <For each={rows}>
        {(c) => (
          <ConversationRow
            conv={c}
            name={conversationName(c)}
            preview={preview(c)}
            selected={props.selected === c.peer}
            quiet={quiet(c.peer)}
            onSelect={props.onSelect}
            onDeleted={(peer) => {
              if (props.selected === peer) props.onClosed?.();
            }}
          />
        )}
      </For>
    </ul>
  );
  return (
    <nav ref={nav} class="list" aria-label={t('nav.chats')}>
      <GroupChats
        onOpen={props.onOpenRoom}
        join={props.join}
        onJoinShown={() => props.onJoinShown?.()}
        show={props.showGroups}
        onShown={() => props.onGroupsShown?.()}
      />
      <Invitations onOpen={props.onOpenRoom} />
      <Show
        when={archive()}
        fallback={
          <>
            <Show when={archived.rows.length > 0}>
              <button type="button" class="row archived-entry" onClick={() => setArchive(true)}>
                <span class="name">{t('chats.archived')}</span>
                <span class="badge badge-quiet">
                  <span aria-hidden="true">{archived.rows.length}</span>
                  <span class="sr-only">
                    {t('chats.archivedCount', { n: archived.rows.length })}
                  </span>
                </span>
              </button>
            </Show>
            <Show when={list.ready() && list.rows.length === 0}>
              <p class="hint">{t('conv.empty')}</p>
            </Show>
            {rowsOf(list.rows, t('nav.chats'))}
          </>
        }
      >
        <div class="archived-head">
          <button type="button" class="link" onClick={() => setArchive(false)}>
            {t('chats.back')}
          </button>
          <h2 id="archived-title">{t('chats.archived')}</h2>
        </div>
        <p class="hint">
          {archived.rows.length > 0 ? t('chats.archivedHint') : t('chats.archivedEmpty')}
        </p>
        {rowsOf(archived.rows, t('chats.archived'))}
      </Show>
      <OlderConversations />
    </nav>
  );
}
