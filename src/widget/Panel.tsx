import {
  type Accessor,
  createEffect,
  createMemo,
  createSignal,
  getOwner,
  lazy,
  onCleanup,
  onMount,
  runWithOwner,
  Show,
} from 'solid-js';
import type { Message } from '../app/queries';
import type { PrechatDetails, SupportFileRefusal } from '../app/support';
import { checkCard, type SupportCard } from '../shared/supportCard';
import { AwayForm } from './AwayForm';
import type { PanelHost } from './api';
import { availability } from './availability';
import { Composer } from './Composer';
import { cardFallback } from './cardText';
import { ACTIVE_KEY } from './controller';
import type { Core, Reads } from './core';
import { createFileSending } from './fileSending';
import { Log } from './Log';
import { PrechatForm, prechatText } from './PrechatForm';
import { RatingForm } from './RatingForm';
import type { Shopper } from './shopper';
import type { Translate } from './text';

/**
 * The open panel: starts the shopper's session, shows the conversation, sends. It is drawn
 * before the chat core is in (`core`, loading beside it): the message box takes typing at once,
 * and sending waits for the session as it does for a first sign-in.
 */
export function Panel(props: {
  host: PanelHost;
  core: Promise<Core>;
  t: Translate;
  lang: Accessor<string>;
  open: Accessor<boolean>;
  inputRef: (el: HTMLTextAreaElement) => void;
  /** Hands the loader the panel's way to send a card (Parley.widget.shareProduct/shareOrder). */
  onShare: (share: (raw: unknown) => Promise<void>) => void;
  /** Hands the loader the panel's way to switch shopper (Parley.widget.setUser). */
  onSwitch: (switchTo: (user: Shopper | null) => Promise<void>) => void;
}) {
  const s = props.host.settings;
  // Read through props on every call: setLocale() swaps the catalog under a mounted panel.
  const t: Translate = (key, params) => props.t(key, params);
  const [error, setError] = createSignal('');
  // Who the shopper is: a guest (null) or the shop's signed-in customer (setUser).
  const [user, setUser] = createSignal<Shopper | null>(props.host.user());
  const [visible, setVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));

  const [core, setCore] = createSignal<Core>();
  const [reads, setReads] = createSignal<Reads>();
  const owner = getOwner();
  let gone = false;
  onCleanup(() => {
    gone = true;
  });
  // The session's account, as any of the shop's tabs changes it; null until this one started.
  const [began, setBegan] = createSignal(false);
  const account = () => (began() ? (core()?.currentAccount() ?? null) : null);
  const nick = () => {
    const a = account();
    const c = core();
    return a && c ? c.guestLocal(a) : '';
  };
  const room = () => reads()?.room() ?? null;
  const failed = (err: unknown) => {
    if (gone) return;
    // A customer the shop's backend or the server did not vouch for: say what to do.
    if (user()) setError(t('widget.userRefused'));
    else setError(t('widget.error', { reason: err instanceof Error ? err.message : String(err) }));
  };

  // The shopper may type before the first session exists: sending waits for it.
  let started: Promise<string> = Promise.resolve('');
  const start = (who: Shopper | null) => {
    setError('');
    started = props.core.then((c) => {
      // Removed (destroy()) while the core was loading: start nothing.
      if (gone) throw new Error('the widget was removed');
      if (!core()) {
        setCore(() => c);
        setReads(() => runWithOwner(owner, () => c.createReads({ account, nick })));
      }
      // A guest who signs in to the shop hands their conversation on (app/support.ts): the team
      // is told in the room, and then sees the customer's details there.
      return c.startShopper(
        s.server,
        who,
        who
          ? {
              body: t('widget.signedIn', { name: who.name || who.jid.split('@')[0] || '' }),
              adopted: (r) => void sendCustomerDetails(c, who, r),
            }
          : undefined,
      );
    });
    started.then(() => {
      // 'ready' is said once: a later switch of shopper is not a new start.
      if (began()) return;
      setBegan(true);
      props.host.emit('ready');
    }, failed);
    return started;
  };
  onMount(() => void start(user()));
  props.onSwitch(async (who) => {
    await started.catch(() => {});
    setUser(who);
    await start(who);
  });

  const messages = () => reads()?.messages() ?? null;
  // A file's row: its own chunk, fetched when the conversation first shows a file.
  const shown = new Map<string, Blob>();
  const attachment = lazy(async () => {
    const c = await props.core;
    const Attachment = await c.attachment();
    return {
      default: (p: { message: Message; t: Translate; lang: string }) => (
        <Attachment message={p.message} t={p.t} lang={p.lang} files={c.fileRow} shown={shown} />
      ),
    };
  });
  const roomRow = () => reads()?.roomRow();
  const agents = () => reads()?.agents() ?? [];
  const unread = () => reads()?.unread() ?? 0;
  const claim = () => reads()?.claim() ?? null;
  const outcome = () => reads()?.outcome() ?? null;
  const typing = () => {
    const names = reads()?.typing() ?? [];
    if (names.length === 0) return '';
    return names.length === 1
      ? t('widget.typing', { name: names[0] ?? '' })
      : t('widget.typingTeam');
  };
  const tellTyping = (state: 'composing' | 'paused' | 'active') => {
    const r = room();
    if (r)
      void core()
        ?.setTyping(r, state)
        .catch(() => {});
  };
  // Skipping is remembered per close (in this browser), so a reload does not ask again.
  const SKIP = 'parley.widget.ratingSkipped:';
  const skippedAt = () => Number(localStorage.getItem(SKIP + (room() ?? '')) ?? 0);
  const [skipTick, setSkipTick] = createSignal(0);
  const [thanked, setThanked] = createSignal(false);
  const askRating = () => {
    skipTick();
    const o = outcome();
    return !!o?.awaitsRating && o.closedAt !== null && skippedAt() < o.closedAt;
  };
  const rate = async (rating: { stars: number; comment?: string }) => {
    const r = room();
    const c = core();
    if (!r || !c) return;
    const body = rating.comment
      ? t('widget.rate.bodyComment', { stars: rating.stars, comment: rating.comment })
      : t('widget.rate.body', { stars: rating.stars });
    await c.sendRating(r, rating, body);
    setThanked(true);
  };
  const skipRating = () => {
    const o = outcome();
    try {
      localStorage.setItem(SKIP + (room() ?? ''), String(o?.closedAt ?? Date.now()));
    } catch {
      // storage blocked: asked again on the next page
    }
    setSkipTick(skipTick() + 1);
  };
  const connection = () => reads()?.connection();
  // A customer's kept keys stop working when the shop's backend sets a new password (their
  // other device asked after it expired): ask the backend again, once a minute at most.
  let reauthAt = Number.NEGATIVE_INFINITY;
  createEffect(() => {
    const conn = connection();
    const u = user();
    const c = core();
    if (!c || !u || account() !== u.jid) return;
    if (conn?.status !== 'offline' || conn.error !== 'auth') return;
    if (Date.now() - reauthAt < 60_000) return setError(t('widget.userRefused'));
    reauthAt = Date.now();
    void c.signInCustomer(u).catch(() => setError(t('widget.userRefused')));
  });

  createEffect(() => props.host.emit('unread', unread()));
  createEffect(() => {
    const row = roomRow();
    const c = core();
    const reason = t('widget.invite', { site: location.host });
    if (row && c) void c.inviteAgents(row, s.agents, reason).catch((e) => console.error(e));
  });
  // Read while on screen: the panel open in a visible page.
  createEffect(() => {
    const r = room();
    const c = core();
    if (r && c) void c.openConversation(props.open() && visible() ? r : null).catch(() => {});
  });
  // New messages from the team (not the history already here) become 'message' events, and
  // a chime when the shopper is not looking: one, from the tab that holds the connection,
  // however many of the shop's tabs are open.
  let seen: Set<string> | null = null;
  let chime: ReturnType<Core['createChime']> | undefined;
  onCleanup(() => chime?.stop());
  createEffect(() => {
    const list = messages();
    if (!list) return;
    let news = 0;
    if (seen) {
      for (const m of list) {
        if (m.direction === 'in' && !seen.has(m.id)) {
          news++;
          props.host.emit('message', { from: m.nick ?? '', body: m.body, at: m.at });
        }
      }
    }
    seen = new Set(list.map((m) => m.id));
    const c = core();
    if (news && s.sound && c?.holdsConnection() && !(props.open() && visible())) {
      chime ??= c.createChime();
      chime.play();
    }
  });

  // A new shopper fills the pre-chat form first (when the shop asks for one); a returning
  // shopper (who has a room) never sees it. The details go with the first message.
  const [details, setDetails] = createSignal<PrechatDetails | null>(null);
  const [ready, setReady] = createSignal(false);
  onMount(
    () =>
      void started.then(
        () => setReady(true),
        () => {},
      ),
  );
  // A known customer is not asked: the shop said who they are.
  const askPrechat = () => s.prechat.length > 0 && ready() && !room() && !details() && !user();
  const roomName = (u: Shopper | null) =>
    t('widget.roomName', { id: u ? u.name || nick() : nick().slice(6, 12), site: location.host });
  /** A customer's details, as the shop gave them: with them the team sees the verified address. */
  const customerDetails = (u: Shopper): PrechatDetails => ({
    name: u.name || nick(),
    ...(u.email ? { email: u.email } : {}),
  });
  /** Into a room handed over to the customer: their details, as on a first message. */
  const sendCustomerDetails = async (c: Core, u: Shopper, _room: string) => {
    const d = customerDetails(u);
    const fields = (['name', 'email'] as const).filter((f) => d[f]);
    await c.sendPrechat(roomName(u), d, prechatText(t, [...fields], d)).catch(failed);
  };
  const send = async (body: string) => {
    await sendItem({ body });
  };
  // The room is read live: a second message may go before the read has the first one's room.
  let wroteFirst = false;
  const sendItem = async (
    item: { body: string; card?: SupportCard } | { file: File },
  ): Promise<SupportFileRefusal | null> => {
    await started;
    const c = await props.core;
    const u = user();
    const name = roomName(u);
    const d = details() ?? (u ? customerDetails(u) : null);
    const first = !room() && !wroteFirst;
    // Set before the first await: a text sent meanwhile must not send the details again. A
    // refused file stores nothing, so it counts only once it is sent.
    if (!('file' in item)) wroteFirst = true;
    if ('file' in item) {
      const sent = await c.sendFileToSupport(name, item.file);
      if ('problem' in sent) return sent; // nothing stored, no room made
      wroteFirst = true;
    } else if (item.card) await c.sendCard(name, item.card, item.body);
    else await c.sendToSupport(name, item.body);
    // After the first message, not before: a brand-new room may not archive its very first
    // message (see the README's "Not built yet"), and the details must reach the team.
    if (d && first) {
      const fields = u ? (['name', 'email'] as const).filter((f) => d[f]) : s.prechat;
      await c.sendPrechat(name, d, prechatText(t, [...fields], d));
    }
    try {
      localStorage.setItem(ACTIVE_KEY, '1');
    } catch {
      // storage blocked: a later page loads the core on open only
    }
    return null;
  };
  // Cards shared while the pre-chat form is still to be filled wait for it, in order.
  const [held, setHeld] = createSignal<Array<{ card: SupportCard; done: () => void }>>([]);
  createEffect(() => {
    const list = held();
    if (!list.length || askPrechat() || !ready()) return;
    setHeld([]);
    void (async () => {
      for (const h of list) {
        await sendItem({ card: h.card, body: cardFallback(h.card, t, props.lang()) });
        h.done();
      }
    })();
  });
  props.onShare(async (raw) => {
    const checked = checkCard(raw);
    if ('problem' in checked)
      throw new TypeError(`Parley: this card's ${checked.problem} is not valid`);
    const card = checked.card;
    await started;
    await new Promise<void>((done) => setHeld([...held(), { card, done }]));
  });

  // Files go where the message box is: not while the form or the rating is shown instead.
  const files = createFileSending({
    t,
    lang: props.lang,
    send: (file) => sendItem({ file }),
    target: props.host.container,
    accepts: () => !askRating() && !askPrechat() && !error(),
  });

  // The clock the opening hours are read against: a minute's step is enough to open and close.
  const [now, setNow] = createSignal(new Date());
  const clock = setInterval(() => setNow(new Date()), 60_000);
  onCleanup(() => clearInterval(clock));
  const avail = createMemo(() => availability(now(), agents(), s.hours, s.timeZone));
  const when = (d: Date) =>
    new Intl.DateTimeFormat(props.lang(), {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(d);
  const status = () => {
    if (error()) return '';
    if (!account() || connection()?.status !== 'online') return t('widget.connecting');
    const a = avail();
    // Someone away says so before a claim does: the shopper should not wait on a name alone.
    if (a.kind === 'away') return t('widget.agentAway', { name: a.name });
    const c = claim();
    if (c) return t('widget.claimed', { name: c.name });
    if (a.kind === 'here') return t('widget.online');
    if (a.kind === 'closed')
      return a.opens ? t('widget.closed', { when: when(a.opens) }) : t('widget.closedNow');
    const n = s.replyWithin;
    if (!n) return '';
    return n % 60 === 0
      ? t('widget.replyWithinHours', { n: n / 60 })
      : t('widget.replyWithin', { n });
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
        lang={props.lang()}
        greeting={
          s.greeting ||
          // The default greeting promises a quick reply: not while the shop is closed.
          (avail().kind === 'closed' ? t('widget.greetingClosed') : t('widget.greeting'))
        }
        messages={messages() ?? []}
        onRetry={(id) => void core()?.retryMessage(id)}
        attachment={attachment}
      />
      <p class="typing" aria-live="polite">
        {typing()}
      </p>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={files.problem()}>
        <p class="error file-problem">
          <span role="alert">{files.problem()}</span>
          <button
            type="button"
            class="icon"
            aria-label={t('widget.dismiss')}
            onClick={() => files.dismiss()}
          >
            ×
          </button>
        </p>
      </Show>
      <Show when={files.dragging()}>
        <div class="drop" aria-hidden="true">
          {t('widget.dropFiles')}
        </div>
      </Show>
      <Show when={room() && account() && agents().length === 0}>
        <AwayForm
          t={t}
          known={user()?.email}
          onEmail={(email) => send(t('widget.emailBody', { email }))}
        />
      </Show>
      <Show when={thanked() && !askRating()}>
        <p class="notice" role="status">
          {t('widget.rate.thanks')}
        </p>
      </Show>
      <Show
        when={askRating()}
        fallback={
          <Show
            when={askPrechat()}
            fallback={
              <Composer
                t={t}
                onSend={send}
                onFiles={(f) => void files.sendFiles(f)}
                onTyping={tellTyping}
                ref={props.inputRef}
              />
            }
          >
            <PrechatForm t={t} fields={s.prechat} onDone={setDetails} />
          </Show>
        }
      >
        <RatingForm t={t} onSend={rate} onSkip={skipRating} />
      </Show>
    </>
  );
}
