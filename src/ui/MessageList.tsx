import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { loadOlder } from '../app/commands';
import {
  firstUnreadQuery,
  loadingOlderQuery,
  type Message,
  type MessageWindow,
  messagesWithPending,
  messageWindowQuery,
  watchPendingMessages,
  windowStepBackQuery,
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
/** Rows the window holds at the newest, and how many it moves by when the person reads on. */
const WINDOW_STEP = 60;
/**
 * Rows the window holds away from the newest. However far the person reads back, the log holds
 * no more than this (rows far above and below the view leave), so memory stays flat.
 */
const WINDOW_MAX = 3 * WINDOW_STEP;
const SAME_SENDER_MS = 5 * 60_000;
/** How long a message opened from search stays highlighted. */
const FOUND_FLASH_MS = 2_500;

/**
 * A conversation's messages, a window at a time: at the newest, the newest messages (following
 * new ones); read further up, a window of at most WINDOW_MAX rows that moves up or down with
 * the reader from IndexedDB, keeping their place, and asks the server's archive when the local
 * copy runs out at the top.
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
  // Away from the newest, the window starts at a fixed message (null: the newest WINDOW_STEP).
  const [pin, setPin] = createSignal<number | null>(null);
  // Where the rows on screen stand in the history (read with them, set as they are shown).
  const [oldest, setOldest] = createSignal(false);
  const [complete, setComplete] = createSignal(false);
  let newest = true;
  // Going to the newest message (sent one, the "new messages" pill): the window is on its way.
  let toNewestPending = false;
  let stepping = 0; // a move of the window up, asked for and not answered yet
  const windows = new WeakMap<Message[], MessageWindow>();
  let shownWindow: MessageWindow | undefined;
  const list = createLiveList(
    () => {
      const p = props.peer;
      const from = pin();
      return () =>
        messageWindowQuery(p, from === null ? WINDOW_STEP : WINDOW_MAX, from).then((w) => {
          windows.set(w.rows, w);
          return w.rows;
        });
    },
    'id',
    {
      around: (apply) => keepInView(apply),
      // Messages still being written (sent from here, or just received) show at once, after
      // the window as read, if it ends at the newest; each leaves the moment the window has it
      // from the database.
      extra: {
        watch: (changed) => watchPendingMessages(props.peer, changed),
        shown: (read) => {
          const w = windows.get(read);
          shownWindow = w;
          return w?.newest === false ? read : messagesWithPending(props.peer, read, WINDOW_STEP);
        },
      },
    },
  );

  /**
   * Where the log actually is: at (or near) the bottom of its rows. Undefined while it has no
   * layout (not in the page, or no height yet): nothing can be measured, so nothing is decided.
   */
  function measureBottom(): boolean | undefined {
    if (!el?.isConnected || el.clientHeight === 0) return undefined;
    return el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  }
  /** At the newest message: at the bottom of a window that ends there. */
  const measureNewest = () => {
    const bottom = measureBottom();
    return bottom === undefined ? undefined : bottom && newest;
  };

  /**
   * Every update of the rows: at the newest, the log follows them down; otherwise the message at
   * the top of the view stays exactly where it is (measured just before, restored after), rows
   * leaving above or below it alike. Decided from where the log is as the update lands, not as
   * of the last scroll event (that comes a frame later, so a person's scroll up could still read
   * as "at the bottom").
   */
  function keepInView(apply: () => void) {
    const update = () => {
      apply();
      const w = shownWindow;
      newest = w?.newest ?? true;
      batch(() => {
        setOldest(w?.oldest ?? true);
        setComplete(w?.complete ?? false);
      });
      if (toNewestPending && newest) toNewestPending = false;
    };
    if (!el) return update();
    if (toNewestPending) stick = true;
    else if (landed()) {
      stick = measureNewest() ?? stick;
      setAtBottom(stick);
    }
    if (stick) {
      update();
      el.scrollTop = el.scrollHeight;
      if (landed()) setAtBottom(newest);
      land();
      return edges();
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
    update();
    const again = id ? el.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`) : null;
    if (again) el.scrollTop = again.offsetTop - offset;
    land();
    edges();
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
    stick = measureNewest() ?? false;
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
    stick = measureNewest() ?? false;
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
  const localRanOut = () => list.ready() && oldest();

  createEffect(
    on(
      () => [props.peer, props.anchor, jumpFor(props.peer)] as const,
      ([peer, found, jump], prev) => {
        // A jump (a reply's original) is asked for in the conversation on screen; one left
        // from an earlier visit is not taken again when the conversation opens.
        const jumped = jump !== null && jump !== prev?.[2] && prev?.[0] === peer;
        if (jumped && jump.id === null) return toNewest();
        const anchor = jumped ? jump.id : found;
        // The found message was shown and let go of: the log stays where the person is.
        if (prev?.[0] === peer && !jumped && (!found || found === prev[1])) return;
        focusOnLand = jumped;
        const opening = ++opened;
        stick = true;
        toNewestPending = false;
        batch(() => {
          setPin(null);
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

  /** To the newest message (the pill, or a message the person sent), wherever the window is. */
  function toNewest() {
    if (!landed()) return;
    if (newest) {
      stick = true;
      el.scrollTo({ top: el.scrollHeight });
      return;
    }
    toNewestPending = true;
    stick = true;
    setPin(null);
  }

  // Local history ran out while the person wants more: fetch an older page from the archive.
  createEffect(() => {
    if (localRanOut() && !complete() && loading() !== props.peer) {
      void loadOlder(props.peer);
    }
  });

  /**
   * `m` follows `prev`, by the same person shortly before, on the same day and with no unread
   * divider between: one group under one name and time.
   */
  function sameSender(prev: Message | undefined, m: Message | undefined): boolean {
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
  /**
   * A row's neighbours, by identity. A message arriving, or the window moving on by one, changes
   * every row's index but the neighbours of the rows beside the change only: what is decided
   * from them (groups, day dividers) is decided again for those rows, not for all of them.
   */
  function neighbours(m: Message, i: () => number) {
    const prev = createMemo(() => list.rows[i() - 1]);
    const next = createMemo(() => list.rows[i() + 1]);
    return {
      /** The row starts a day (the window's first row shows its day too). */
      newDay: createMemo(() => {
        const p = prev();
        return p === undefined || !sameDay(p.at, m.at);
      }),
      continued: createMemo(() => sameSender(prev(), m)),
      more: createMemo(() => sameSender(m, next())),
    };
  }
  const today = createToday();
  const selfName = () => props.selfName ?? (currentAccount() ?? '').split('@')[0] ?? '';

  function onScroll() {
    // Until it has landed (on the divider or the newest), the log is still being placed; on its
    // way to the newest, it goes there whatever the scroll events of the rows in between say.
    if (!landed() || toNewestPending) return;
    stick = measureNewest() ?? stick;
    setAtBottom(stick);
    reading.schedule();
    // Back at the newest: the window is the newest WINDOW_STEP again and follows new messages.
    if (stick) setPin(null);
    else if (pin() === null) setPin(list.rows[0]?.at ?? null);
    edges();
  }

  /** Near the top or the bottom of the rows, the window moves on that way, if it can. */
  function edges() {
    if (!landed() || toNewestPending || !el || measureBottom() === undefined) return;
    if (el.scrollTop < NEAR_TOP_PX) {
      if (!oldest()) stepBack();
    } else if (!newest && el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_TOP_PX) {
      stepOn();
    }
  }

  /**
   * The window starts WINDOW_STEP messages earlier. It holds WINDOW_MAX at most, so once full,
   * as many leave at the bottom; keepInView holds the reader's place.
   */
  function stepBack() {
    const first = list.rows[0];
    if (!first || stepping) return;
    const step = ++stepping;
    const peer = props.peer;
    void windowStepBackQuery(peer, first.at, WINDOW_STEP).then(
      (at) => {
        if (step !== stepping || peer !== props.peer) return;
        stepping = 0;
        if (at !== null && at < first.at) setPin(at);
      },
      () => {
        stepping = 0;
      },
    );
  }
  /** The window starts WINDOW_STEP messages later, those at its top leaving. */
  function stepOn() {
    const at = list.rows[WINDOW_STEP]?.at;
    const from = pin();
    if (at !== undefined && (from === null || at > from)) setPin(at);
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
            {(m, i) => {
              const near = neighbours(m, i);
              return (
                <>
                  <Show when={near.newDay()}>
                    <DayDivider at={m.at} now={today()} />
                  </Show>
                  <Show when={m.id === divider()}>
                    <li class="unread-divider">{t('chat.unreadDivider')}</li>
                  </Show>
                  <MessageItem
                    message={m}
                    name={props.name}
                    selfName={selfName()}
                    continued={near.continued()}
                    more={near.more()}
                  />
                </>
              );
            }}
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
