import { batch, createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { loadOlder } from '../app/commands';
import {
  firstUnreadQuery,
  loadingOlderQuery,
  messagesQuery,
  messagesWithPending,
  watchPendingMessages,
} from '../app/queries';
import { t } from './lib/i18n';
import { createLive, createLiveList } from './lib/live';
import { createReading } from './lib/reading';
import { MessageItem } from './MessageItem';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 300;
const WINDOW_STEP = 60;
const SAME_SENDER_MS = 5 * 60_000;

/**
 * The newest messages of a conversation, a window at a time: scrolling up widens the window
 * from IndexedDB, and asks the server's archive when the local copy runs out.
 */
export function MessageList(props: {
  peer: string;
  name: string;
  /** The server's archive has nothing older (the conversation row, read by the parent). */
  historyComplete: boolean | undefined;
  /** The conversation's unread count (the row, read by the parent). */
  unread: number | undefined;
}) {
  let el!: HTMLDivElement;
  let stick = true;
  let landing = 0; // a frame requested to land once the log has a layout
  onCleanup(() => cancelAnimationFrame(landing));
  const [atBottom, setAtBottom] = createSignal(true);
  // Opening with unread messages lands on a divider above the first one, not at the bottom.
  const [divider, setDivider] = createSignal<string | null>(null);
  const [landed, setLanded] = createSignal(false);
  const [size, setSize] = createSignal(WINDOW_STEP);
  // While the person reads further up, the window starts at a fixed message.
  const [pin, setPin] = createSignal<number | null>(null);
  const list = createLiveList(
    () => {
      const p = props.peer;
      const n = size();
      const from = pin();
      return () => messagesQuery(p, n, from);
    },
    'id',
    {
      around: keepInView,
      // Messages still being written (sent from here, or just received) show at once, after
      // the window as read; each leaves the moment the window has it from the database.
      extra: {
        watch: (changed) => watchPendingMessages(props.peer, changed),
        shown: (read) => messagesWithPending(props.peer, read, size()),
      },
    },
  );

  /**
   * Where the log actually is: at (or near) its newest message. Undefined while it has no layout
   * (not in the page, or no height yet): nothing can be measured, so nothing is decided.
   */
  function measureBottom(): boolean | undefined {
    if (!el?.isConnected || el.clientHeight === 0) return undefined;
    return el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  }

  /**
   * Every update of the rows: at the newest, the log follows them down; otherwise the message at
   * the top of the view stays exactly where it is (measured just before, restored after).
   * Decided from where the log is as the update lands, not as of the last scroll event (that
   * comes a frame later, so a person's scroll up could still read as "at the bottom").
   */
  function keepInView(apply: () => void) {
    if (!el) return apply();
    if (landed()) {
      stick = measureBottom() ?? stick;
      setAtBottom(stick);
    }
    if (stick) {
      apply();
      el.scrollTop = el.scrollHeight;
      return land();
    }
    const rows = el.querySelectorAll<HTMLElement>('li.msg');
    let anchor: HTMLElement | undefined;
    for (const row of rows) {
      if (row.offsetTop + row.offsetHeight > el.scrollTop) {
        anchor = row;
        break;
      }
    }
    const id = anchor?.dataset['id'];
    const offset = anchor ? anchor.offsetTop - el.scrollTop : 0;
    apply();
    const again = id ? el.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`) : null;
    if (again) el.scrollTop = again.offsetTop - offset;
    land();
  }

  /**
   * Opening on the unread divider: once its row is laid out, bring it to the top of the view and
   * decide from the position reached whether the log is at its newest; then reading can start.
   * Called after every update until then (the pinned window may come in a later one).
   */
  function land() {
    if (landed() || !divider() || !el) return;
    // Only in the window read from the pin: rows shown before it came may hold the divider's
    // message out of place (as one still being written), not where the pinned window puts it.
    const from = pin();
    const first = list.rows[0];
    if (from !== null && (!first || first.at > from)) return;
    const line = el.querySelector<HTMLElement>('.unread-divider');
    if (!line) return;
    if (measureBottom() === undefined) {
      // No layout yet: look again at the next frame.
      if (!landing)
        landing = requestAnimationFrame(() => {
          landing = 0;
          land();
        });
      return;
    }
    el.scrollTop = line.offsetTop - 8;
    stick = measureBottom() ?? false;
    batch(() => {
      // All of it fits: at the newest, the window follows new messages unpinned.
      if (stick) setPin(null);
      setAtBottom(stick);
      setLanded(true);
    });
  }
  const loading = createLive(() => loadingOlderQuery, '');
  const complete = () => props.historyComplete === true;
  const localRanOut = () => list.ready() && list.rows.length < size();

  createEffect(
    on(
      () => props.peer,
      (peer) => {
        stick = true;
        batch(() => {
          setPin(null);
          setSize(WINDOW_STEP);
          setAtBottom(true);
          setDivider(null);
          setLanded(false);
        });
        void firstUnreadQuery(peer).then(
          (first) => {
            if (props.peer !== peer) return;
            if (!first) return setLanded(true);
            // The window starts at it at the latest: it stays there however far up it is, and
            // however many messages arrive before the person reads (whether or not the rows
            // were read before this answer came).
            stick = false;
            batch(() => {
              setPin(first.at);
              setDivider(first.id);
            });
          },
          () => setLanded(true),
        );
      },
    ),
  );

  // The divider is set after the rows may already be there: land now if its row is.
  createEffect(on(divider, () => land()));

  const reading = createReading({
    peer: () => props.peer,
    unread: () => props.unread ?? 0,
    atBottom,
    landed,
    log: () => el,
    atOf: (id) => list.rows.findLast((m) => m.id === id)?.at,
  });

  function toNewest() {
    el.scrollTo({ top: el.scrollHeight });
  }

  // Local history ran out while the person wants more: fetch an older page from the archive.
  createEffect(() => {
    if (localRanOut() && !complete() && loading() !== props.peer) {
      void loadOlder(props.peer);
    }
  });

  /** The message at `i` follows one by the same person in a room, shortly before. */
  function sameSender(i: number): boolean {
    const m = list.rows[i];
    const prev = list.rows[i - 1];
    return (
      m?.nick !== undefined &&
      prev?.nick === m.nick &&
      prev.direction === m.direction &&
      m.at - prev.at < SAME_SENDER_MS
    );
  }

  function onScroll() {
    // Until it has landed (on the divider or the newest), the log is still being placed.
    if (!landed()) return;
    stick = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    setAtBottom(stick);
    reading.schedule();
    const nearTop = el.scrollTop < NEAR_TOP_PX && !(localRanOut() && complete());
    if (stick) {
      // Back at the newest: the window shrinks to one step again, so a long read back up does
      // not leave hundreds of rows to update with every new message.
      batch(() => {
        setPin(null);
        if (!nearTop && size() > WINDOW_STEP) setSize(WINDOW_STEP);
      });
    } else if (pin() === null) setPin(list.rows[0]?.at ?? null);
    if (nearTop) {
      // Widen the window upwards; it is pinned again at its new first message.
      if (!localRanOut() || loading() !== props.peer) {
        const next = Math.max(size(), list.rows.length) + WINDOW_STEP;
        batch(() => {
          setPin(null);
          setSize(next);
        });
      }
    }
  }

  const newCount = () =>
    props.unread === 1 ? t('chat.newOne') : t('chat.newMany', { n: props.unread ?? 0 });

  return (
    <div class="log-frame">
      <div
        ref={el}
        class="messages"
        role="log"
        aria-label={t('chat.log', { name: props.name })}
        tabindex="0"
        onScroll={onScroll}
      >
        <Show when={list.ready() && list.rows.length > 0}>
          <p class="history-edge">
            <Show
              when={localRanOut() && complete()}
              fallback={
                <Show when={loading() === props.peer} fallback={<span>&nbsp;</span>}>
                  {t('history.loading')}
                </Show>
              }
            >
              {t('history.start')}
            </Show>
          </p>
        </Show>
        <Show when={list.ready() && list.rows.length === 0}>
          <p class="hint">{t('chat.empty')}</p>
        </Show>
        <ol>
          <For each={list.rows}>
            {(m, i) => (
              <>
                <Show when={m.id === divider()}>
                  <li class="unread-divider">{t('chat.unreadDivider')}</li>
                </Show>
                <MessageItem message={m} name={props.name} continued={sameSender(i())} />
              </>
            )}
          </For>
        </ol>
      </div>
      <Show when={landed() && !atBottom() && (props.unread ?? 0) > 0}>
        <button type="button" class="new-pill" onClick={toNewest}>
          <span aria-hidden="true">↓ </span>
          {newCount()}
        </button>
      </Show>
    </div>
  );
}
