import { batch, createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { loadOlder } from '../app/commands';
import {
  firstUnreadQuery,
  loadingOlderQuery,
  messagesWithPending,
  messageWindowQuery,
  watchPendingMessages,
} from '../app/queries';
import { messageAnchorQuery } from '../app/search';
import { currentAccount } from '../app/session';
import { jumpFor } from './actions/jump';
import { createToday, DayDivider } from './DayDivider';
import { sameDay } from './lib/days';
import { t } from './lib/i18n';
import { createLive, createLiveList } from './lib/live';
import { createReading } from './lib/reading';
import { MessageItem } from './MessageItem';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 300;
const WINDOW_STEP = 60;
const SAME_SENDER_MS = 5 * 60_000;
/** How long a message opened from search stays highlighted. */
const FOUND_FLASH_MS = 2_500;

/**
 * The newest messages of a conversation, a window at a time: scrolling up widens the window
 * from IndexedDB, and asks the server's archive when the local copy runs out.
 */
export function MessageList(props: {
  peer: string;
  name: string;
  /** The conversation's unread count (the row, read by the parent). */
  unread: number | undefined;
  /** Our name in this conversation (a room: our nick); else our address's local part. */
  selfName?: string | undefined;
  /** Open at this message (a search result), with what came before it, highlighted briefly. */
  anchor?: string | undefined;
}) {
  let el!: HTMLDivElement;
  let stick = true;
  let landing = 0; // a frame requested to land once the log has a layout
  onCleanup(() => cancelAnimationFrame(landing));
  const [atBottom, setAtBottom] = createSignal(true);
  // Opening with unread messages lands on a divider above the first one, not at the bottom.
  const [divider, setDivider] = createSignal<string | null>(null);
  // Opening on a found message: its id until it is in view.
  const [found, setFound] = createSignal<string | null>(null);
  let flash: ReturnType<typeof setTimeout> | undefined;
  let opened = 0; // each opening (a conversation, a found message), so a late answer is dropped
  let focusOnLand = false; // a jump the person asked for takes the focus to the message
  onCleanup(() => clearTimeout(flash));
  const [landed, setLanded] = createSignal(false);
  const [size, setSize] = createSignal(WINDOW_STEP);
  // While the person reads further up, the window starts at a fixed message.
  const [pin, setPin] = createSignal<number | null>(null);
  // The window size the rows on screen were read for. `size` moves first and the rows follow a
  // moment later: judged against `size`, the window would look short of rows (the history's
  // start reached) in between, and "This is the start of your conversation" would flash.
  const [readFor, setReadFor] = createSignal(WINDOW_STEP);
  // Whether the archive has nothing older, as of the rows on screen (read with them).
  const [complete, setComplete] = createSignal(false);
  let answered = WINDOW_STEP;
  let answeredComplete = false;
  let queries = 0;
  const list = createLiveList(
    () => {
      const p = props.peer;
      const n = size();
      const from = pin();
      const query = ++queries;
      return () =>
        messageWindowQuery(p, n, from).then((w) => {
          // A query left behind (the window moved on) may still answer: its answer is dropped,
          // and must not say what the current rows were read for.
          if (query === queries) {
            answered = n;
            answeredComplete = w.complete;
          }
          return w.rows;
        });
    },
    'id',
    {
      around: (apply) =>
        keepInView(() => {
          apply();
          batch(() => {
            setReadFor(answered);
            setComplete(answeredComplete);
          });
        }),
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
    if (found()) return landOnFound();
    if (landed() || !divider() || !el) return;
    // Only in the window read from the pin: rows shown before it came may hold the divider's
    // message out of place (as one still being written), not where the pinned window puts it.
    const from = pin();
    const first = list.rows[0];
    if (from !== null && (!first || first.at > from)) return;
    const line = el.querySelector<HTMLElement>('.unread-divider');
    if (!line || notLaidOut()) return;
    el.scrollTop = line.offsetTop - 8;
    stick = measureBottom() ?? false;
    batch(() => {
      // All of it fits: at the newest, the window follows new messages unpinned.
      if (stick) setPin(null);
      setAtBottom(stick);
      setLanded(true);
    });
  }
  /** No layout yet (nothing measured): look again at the next frame. */
  function notLaidOut(): boolean {
    if (measureBottom() !== undefined) return false;
    if (!landing)
      landing = requestAnimationFrame(() => {
        landing = 0;
        land();
      });
    return true;
  }
  /** Opening on a found message: once its row is laid out, bring it to the middle, flash it. */
  function landOnFound() {
    const id = found();
    if (!id || !el) return;
    const row = el.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
    if (!row || notLaidOut()) return;
    el.scrollTop = row.offsetTop - (el.clientHeight - row.offsetHeight) / 2;
    stick = measureBottom() ?? false;
    row.classList.add('msg-found');
    if (focusOnLand) row.focus({ preventScroll: true });
    clearTimeout(flash);
    flash = setTimeout(() => row.classList.remove('msg-found'), FOUND_FLASH_MS);
    batch(() => {
      setFound(null);
      setAtBottom(stick);
      setLanded(true);
    });
  }

  const loading = createLive(() => loadingOlderQuery, '');
  const localRanOut = () => list.ready() && list.rows.length < readFor();

  createEffect(
    on(
      () => [props.peer, props.anchor, jumpFor(props.peer)] as const,
      ([peer, found, jump], prev) => {
        // A jump (a reply's original) is asked for in the conversation on screen; one left
        // from an earlier visit is not taken again when the conversation opens.
        const jumped = jump !== null && jump !== prev?.[2] && prev?.[0] === peer;
        const anchor = jumped ? jump.id : found;
        // The found message was shown and let go of: the log stays where the person is.
        if (prev?.[0] === peer && !jumped && (!found || found === prev[1])) return;
        focusOnLand = jumped;
        const opening = ++opened;
        stick = true;
        batch(() => {
          setPin(null);
          setSize(WINDOW_STEP);
          setAtBottom(true);
          setDivider(null);
          setFound(null);
          setLanded(false);
        });
        if (anchor) {
          // A found message: the window starts a little before it, wherever it is.
          void messageAnchorQuery(peer, anchor).then(
            (a) => {
              if (opening !== opened) return;
              if (!a) return setLanded(true);
              stick = false;
              batch(() => {
                setPin(a.from);
                setFound(a.id);
              });
              land();
            },
            () => setLanded(true),
          );
          return;
        }
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

  /**
   * The message at `i` follows one by the same person shortly before, on the same day and with
   * no unread divider between: one group under one name and time.
   */
  function sameSender(i: number): boolean {
    const m = list.rows[i];
    const prev = list.rows[i - 1];
    return (
      m !== undefined &&
      prev !== undefined &&
      prev.nick === m.nick &&
      prev.direction === m.direction &&
      m.at - prev.at < SAME_SENDER_MS &&
      sameDay(prev.at, m.at) &&
      m.id !== divider()
    );
  }
  /** The message at `i` starts a day (the window's first message shows its day too). */
  const newDay = (i: number) => {
    const prev = list.rows[i - 1];
    const m = list.rows[i];
    return m !== undefined && (prev === undefined || !sameDay(prev.at, m.at));
  };
  const today = createToday();
  const selfName = () => props.selfName ?? (currentAccount() ?? '').split('@')[0] ?? '';

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
                <Show when={newDay(i())}>
                  <DayDivider at={m.at} now={today()} />
                </Show>
                <Show when={m.id === divider()}>
                  <li class="unread-divider">{t('chat.unreadDivider')}</li>
                </Show>
                <MessageItem
                  message={m}
                  name={props.name}
                  selfName={selfName()}
                  continued={sameSender(i())}
                  more={sameSender(i() + 1)}
                />
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
