import { type Accessor, createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { openConversation, retryMessage } from '../app/commands';
import type { Message } from '../app/queries';
import {
  agentsHereQuery,
  findSupportRoom,
  guestLocal,
  inviteAgents,
  sendToSupport,
  startGuest,
  supportConnectionQuery,
  supportMessagesQuery,
  supportRoomQuery,
  supportUnreadQuery,
} from '../app/support';
import { createLive } from '../ui/lib/live';
import { AwayForm } from './AwayForm';
import type { PanelHost } from './api';
import { Composer } from './Composer';
import { ACTIVE_KEY } from './controller';
import { Log } from './Log';
import type { Translate } from './text';

/** The open panel: starts the shopper's session, shows the conversation, sends. */
export function Panel(props: {
  host: PanelHost;
  t: Translate;
  open: Accessor<boolean>;
  inputRef: (el: HTMLTextAreaElement) => void;
}) {
  const s = props.host.settings;
  const t = props.t;
  const [account, setAccount] = createSignal<string | null>(null);
  const [room, setRoom] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [visible, setVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));

  // The shopper may type before the first session exists: sending waits for it.
  let started: Promise<string> = Promise.resolve('');
  onMount(() => {
    started = startGuest(s.server);
    started.then(
      async (acc) => {
        setAccount(acc);
        setRoom(await findSupportRoom());
        props.host.emit('ready');
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  });

  const live = <T,>(make: (r: string) => () => Promise<T>, initial: T) =>
    createLive(() => {
      const r = room();
      return r ? make(r) : null;
    }, initial);
  const messages = live<Message[] | null>((r) => supportMessagesQuery(r), null);
  const roomRow = live((r) => supportRoomQuery(r), undefined);
  const nick = () => guestLocal(account() ?? '');
  const agents = live((r) => agentsHereQuery(r, nick()), []);
  const unread = live((r) => supportUnreadQuery(r), 0);
  const connection = createLive(() => (account() ? supportConnectionQuery() : null), undefined);

  createEffect(() => props.host.emit('unread', unread()));
  createEffect(() => {
    const row = roomRow();
    const reason = t('widget.invite', { site: location.host });
    if (row) void inviteAgents(row, s.agents, reason).catch((e) => console.error(e));
  });
  // Read while on screen: the panel open in a visible page.
  createEffect(() => {
    const r = room();
    if (r) void openConversation(props.open() && visible() ? r : null).catch(() => {});
  });
  // New messages from the team (not the history already here) become 'message' events.
  let seen: Set<string> | null = null;
  createEffect(() => {
    const list = messages();
    if (!list) return;
    if (seen) {
      for (const m of list) {
        if (m.direction === 'in' && !seen.has(m.id))
          props.host.emit('message', { from: m.nick ?? '', body: m.body, at: m.at });
      }
    }
    seen = new Set(list.map((m) => m.id));
  });

  const send = async (body: string) => {
    await started;
    const name = t('widget.roomName', { id: nick().slice(6, 12), site: location.host });
    await sendToSupport(name, body);
    if (!room()) setRoom(await findSupportRoom());
    try {
      localStorage.setItem(ACTIVE_KEY, '1');
    } catch {
      // storage blocked: a later page loads the core on open only
    }
  };
  const status = () => {
    if (error()) return '';
    if (!account() || connection()?.status !== 'online') return t('widget.connecting');
    return agents().length > 0 ? t('widget.online') : '';
  };

  return (
    <>
      <div class="head">
        <h2>
          {s.title || t('widget.title')}
          <span class="status" role="status">
            {status()}
          </span>
        </h2>
        <button
          type="button"
          class="icon"
          aria-label={t('widget.close')}
          onClick={() => props.host.requestClose()}
        >
          ×
        </button>
      </div>
      <Log
        t={t}
        greeting={s.greeting || t('widget.greeting')}
        messages={messages() ?? []}
        onRetry={(id) => void retryMessage(id)}
      />
      <Show when={error()}>
        <p class="error" role="alert">
          {t('widget.error', { reason: error() })}
        </p>
      </Show>
      <Show when={room() && account() && agents().length === 0}>
        <AwayForm t={t} onEmail={(email) => send(t('widget.emailBody', { email }))} />
      </Show>
      <Composer t={t} onSend={send} ref={props.inputRef} />
    </>
  );
}
