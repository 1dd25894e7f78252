// XMPP over BOSH (XEP-0124, XEP-0206) shaped as the socket @xmpp/connection drives: it takes
// the strings the connection writes (a framed <open/> to open or restart the stream, stanzas,
// a framed <close/> to end it) and gives back what the server says as RFC 7395 framing, so the
// WebSocket transport's framed parser reads it unchanged.
//
// The HTTP side: hold=1 with up to two requests in flight (one always waiting at the server
// for it to push to us, one to send with), rids in sequence and answers handed on in rid order,
// `ack` when an answer is missing below rid-1, the same request sent again (same rid) when the
// network fails, and a terminate request on close.
import { EventEmitter } from '@xmpp/events';
import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';

export const NS_HTTPBIND = 'http://jabber.org/protocol/httpbind';
const NS_XBOSH = 'urn:xmpp:xbosh';
const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_STREAM = 'http://etherx.jabber.org/streams';
const WAIT_S = 60;
/** Sends of one request after a network failure, before giving up on the session. */
const TRIES = 3;
const RETRY_MS = [500, 2000];
/**
 * With hold=1 the server answers the held request as soon as the next one reaches it. Both still
 * unanswered this long after the second was sent means the server has not taken the second in
 * order. ejabberd, as its ejabberd_bosh.erl reads, files a request that overtook the one before
 * it (two HTTP connections: either may arrive first) and, once the earlier one is in, holds that
 * one and never takes the filed one, so both hang until `wait` runs out and what the second
 * carried (an iq) is lost. Then the second is sent again, same rid and body, as after a network
 * failure (XEP-0124 §14), which ejabberd takes in order.
 */
const STALL_MS = 5_000;
const STALL_RESENDS = 2;
const CODE = 'ECONNERROR';

type Item = { kind: 'data'; data: string } | { kind: 'restart' } | { kind: 'terminate' };

interface Exchange {
  rid: number;
  body: string;
  /** The stream (re)opens with this request's answer. */
  opens: boolean;
  terminates: boolean;
  abort: AbortController;
  /** Watching for a server that left an earlier request unanswered (see STALL_MS). */
  stall?: ReturnType<typeof setTimeout>;
  /** Sent again because of that, this many times. */
  resent?: number;
}

export interface BoshOptions {
  /** Injected in tests; the page's fetch otherwise. */
  fetch?: typeof fetch;
  wait?: number;
  /** STALL_MS, shorter in tests. */
  stallMs?: number;
}

/** Loopback or TLS: where PLAIN may be offered, as the WebSocket transport decides. */
export function isSecureUrl(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

function netError(message: string): Error {
  const err = new Error(`BOSH ${CODE} ${message}`) as Error & { code: string; errno: string };
  err.code = CODE;
  err.errno = CODE;
  return err;
}

export class BoshSocket extends EventEmitter {
  url: string | null = null;
  secure = false;
  sid: string | null = null;
  /** The rid of the next request. Random start well below 2^53 (XEP-0124 §14). */
  rid = Math.floor(Math.random() * 2 ** 32) + 1;
  private to = '';
  private lang: string | undefined;
  private maxInFlight = 2;
  private wait: number;
  private readonly stallMs: number;
  private readonly fetchFn: typeof fetch;
  private queue: Item[] = [];
  private inFlight = new Map<number, Exchange>();
  /** Answers that arrived before an earlier one: handed on in rid order. */
  private answered = new Map<number, Element>();
  /** The rid whose answer is handed on next. */
  private nextAnswer = 0;
  private flushing = false;
  /** No more requests: terminated, failed or dropped. */
  private ended = false;
  private terminateSent = false;
  /** 'close' was emitted (once). */
  private closed = false;

  constructor(opts: BoshOptions = {}) {
    super();
    this.fetchFn = opts.fetch ?? ((...a) => globalThis.fetch(...a));
    this.wait = opts.wait ?? WAIT_S;
    this.stallMs = opts.stallMs ?? STALL_MS;
  }

  connect(url: string) {
    this.url = url;
    this.secure = isSecureUrl(url);
    this.nextAnswer = this.rid;
    // Nothing to open before the first request: the session starts with the stream header.
    queueMicrotask(() => this.emit('connect'));
  }

  /** A string from the connection: the framed stream header or footer, or stanzas. */
  write(data: string, fn?: (err?: Error) => void) {
    const done = (err?: Error) => fn && queueMicrotask(() => fn(err));
    if (this.ended) return done(new Error('BOSH session is closed'));
    if (data.startsWith('<open')) {
      const open = parse(data);
      this.to = open.attrs['to'] ?? this.to;
      this.lang = open.attrs['xml:lang'] ?? this.lang;
      // The first header creates the session; later ones restart the stream (after SASL).
      if (this.sid) this.queue.push({ kind: 'restart' });
      else this.create();
    } else if (data.startsWith('<close')) {
      this.queue.push({ kind: 'terminate' });
    } else {
      this.queue.push({ kind: 'data', data });
    }
    this.schedule();
    done();
  }

  /** Drop the session here: no more requests; those in flight are abandoned. */
  end() {
    // Dropped without a terminate (the page going away): end the session at the server too,
    // or it lingers until its inactivity timeout, holding our resource and room presences.
    if (this.sid && !this.ended && !this.terminateSent) {
      this.terminateSent = true;
      const body = xml('body', this.attrs({ type: 'terminate' })).toString();
      void this.fetchFn(this.url ?? '', {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        body,
        keepalive: true,
      }).catch(() => {});
    }
    this.stopRequests();
    queueMicrotask(() => this.close(false));
  }

  private stopRequests() {
    this.ended = true;
    for (const ex of this.inFlight.values()) {
      clearTimeout(ex.stall);
      ex.abort.abort();
    }
    this.inFlight.clear();
    this.queue = [];
  }

  private close(dirty: boolean) {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', dirty);
  }

  private attrs(extra: Record<string, string | undefined>): Record<string, string | undefined> {
    return { xmlns: NS_HTTPBIND, rid: String(this.rid), sid: this.sid ?? undefined, ...extra };
  }

  private create() {
    const body = xml('body', {
      xmlns: NS_HTTPBIND,
      rid: String(this.rid),
      to: this.to,
      'xml:lang': this.lang,
      wait: String(this.wait),
      hold: '1',
      ack: '1',
      content: 'text/xml; charset=utf-8',
      ver: '1.11',
      'xmpp:version': '1.0',
      'xmlns:xmpp': NS_XBOSH,
    });
    this.post(body.toString(), { opens: true, terminates: false });
  }

  private schedule() {
    if (this.flushing) return;
    this.flushing = true;
    // Stanzas written in one turn go in one request.
    queueMicrotask(() => {
      this.flushing = false;
      this.pump();
    });
  }

  /** Send what is queued while a request is free; keep one request waiting at the server. */
  private pump() {
    if (this.ended || !this.sid) return;
    while (this.waiting() < this.maxInFlight) {
      const item = this.queue[0];
      if (!item) break;
      if (item.kind === 'restart') {
        this.queue.shift();
        this.post(
          xml(
            'body',
            this.attrs({
              to: this.to,
              'xml:lang': this.lang,
              'xmpp:restart': 'true',
              'xmlns:xmpp': NS_XBOSH,
            }),
          ).toString(),
          { opens: true, terminates: false },
        );
        continue;
      }
      if (item.kind === 'terminate') {
        this.queue.shift();
        this.terminateSent = true;
        this.post(xml('body', this.attrs({ type: 'terminate' })).toString(), {
          opens: false,
          terminates: true,
        });
        continue;
      }
      const data: string[] = [];
      while (this.queue[0]?.kind === 'data')
        data.push((this.queue.shift() as { data: string }).data);
      this.post(this.wrap(data.join('')), { opens: false, terminates: false });
    }
    // hold=1: an empty request stays at the server so it can push to us at any time.
    if (this.waiting() === 0) this.post(this.wrap(''), { opens: false, terminates: false });
  }

  /** Requests the server has not answered yet (answered ones may wait for an earlier one). */
  private waiting(): number {
    return this.inFlight.size - this.answered.size;
  }

  private wrap(payload: string): string {
    // `ack` only when an answer below rid-1 is still missing (XEP-0124 §9.1).
    const acked = this.nextAnswer - 1;
    const ack = acked < this.rid - 1 ? String(acked) : undefined;
    const head = xml('body', this.attrs({ ack })).toString();
    return payload ? `${head.slice(0, -2)}>${payload}</body>` : head;
  }

  private post(body: string, opts: { opens: boolean; terminates: boolean }) {
    const ex: Exchange = { rid: this.rid, body, ...opts, abort: new AbortController() };
    this.rid++;
    this.inFlight.set(ex.rid, ex);
    void this.send(ex, 0);
    this.watchStall(ex);
  }

  /** While an earlier request is unanswered, check that the server takes this one (STALL_MS). */
  private watchStall(ex: Exchange) {
    if (!this.unansweredBefore(ex.rid)) return;
    ex.stall = setTimeout(() => {
      if (this.ended || !this.inFlight.has(ex.rid) || this.answered.has(ex.rid)) return;
      if (!this.unansweredBefore(ex.rid) || (ex.resent ?? 0) >= STALL_RESENDS) return;
      ex.resent = (ex.resent ?? 0) + 1;
      const stale = ex.abort;
      ex.abort = new AbortController();
      stale.abort();
      void this.send(ex, 0);
      this.watchStall(ex);
    }, this.stallMs);
  }

  private unansweredBefore(rid: number): boolean {
    for (const r of this.inFlight.keys()) if (r < rid && !this.answered.has(r)) return true;
    return false;
  }

  private async send(ex: Exchange, attempt: number): Promise<void> {
    let text: string;
    // This try's own signal: a stalled request sent again aborts it (watchStall).
    const controller = ex.abort;
    // A request the server holds is answered within `wait`; one that is not is lost.
    const timer = setTimeout(() => controller.abort(), (this.wait + 15) * 1000);
    try {
      const res = await this.fetchFn(this.url ?? '', {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        body: ex.body,
        signal: controller.signal,
        // A terminate sent as the page goes away must outlive the page.
        keepalive: ex.terminates,
      });
      if (!res.ok) return this.fail(netError(`HTTP ${res.status}`));
      text = await res.text();
    } catch (err) {
      if (this.ended || ex.abort !== controller) return; // ended, or sent again since
      // The network failed: send the very same request again (same rid) before giving up.
      const delay = RETRY_MS[attempt];
      if (delay === undefined || attempt + 1 >= TRIES)
        return this.fail(netError(String((err as Error)?.message ?? err)));
      const next = new AbortController();
      ex.abort = next;
      await new Promise((r) => setTimeout(r, delay));
      if (!this.ended && ex.abort === next) return this.send(ex, attempt + 1);
      return;
    } finally {
      clearTimeout(timer);
    }
    // Ended, or answered already (a request sent again after a report).
    if (this.ended || !this.inFlight.has(ex.rid) || this.answered.has(ex.rid)) return;
    let el: Element;
    try {
      el = parse(text);
    } catch {
      return this.fail(netError('not XML'));
    }
    if (!el.is('body', NS_HTTPBIND) && el.name !== 'body') return this.fail(netError('not a body'));
    this.answered.set(ex.rid, el);
    this.deliver();
  }

  /** Hand answers on in rid order, then keep the pipe full. */
  private deliver() {
    for (;;) {
      const el = this.answered.get(this.nextAnswer);
      const ex = this.inFlight.get(this.nextAnswer);
      if (!el || !ex) break;
      this.answered.delete(this.nextAnswer);
      this.inFlight.delete(this.nextAnswer);
      clearTimeout(ex.stall);
      this.nextAnswer++;
      this.onAnswer(el, ex);
      if (this.ended) return;
    }
    this.schedule();
  }

  private onAnswer(body: Element, ex: Exchange) {
    if (ex.opens && !this.sid) {
      const sid = body.attrs['sid'];
      if (!sid) return this.fail(netError('no sid'));
      this.sid = sid;
      const requests = Number(body.attrs['requests'] ?? 2);
      this.maxInFlight = Math.max(1, Math.min(2, Number.isFinite(requests) ? requests : 2));
      const wait = Number(body.attrs['wait']);
      if (Number.isFinite(wait) && wait > 0 && wait < this.wait) this.wait = wait;
    }
    // The server says an answer of ours went missing: send that request again (§9.2).
    const report = Number(body.attrs['report']);
    if (body.attrs['report'] && Number.isFinite(report)) this.resendReported(report);
    let out = '';
    if (ex.opens)
      out += xml('open', {
        xmlns: NS_FRAMING,
        from: body.attrs['from'] ?? this.to,
        id: this.sid ?? undefined,
        version: '1.0',
        'xml:lang': this.lang,
      }).toString();
    const streamNs = body.attrs['xmlns:stream'] ?? NS_STREAM;
    for (const child of body.getChildElements()) {
      // Children come out of the body's namespaces: say them on each.
      if (child.name.startsWith('stream:')) child.attrs['xmlns:stream'] ??= streamNs;
      else child.attrs['xmlns'] ??= 'jabber:client';
      out += child.toString();
    }
    if (out) this.emit('data', out);
    if (body.attrs['type'] === 'terminate' || ex.terminates) {
      const condition = body.attrs['condition'];
      this.stopRequests();
      this.emit('data', xml('close', { xmlns: NS_FRAMING }).toString());
      // Our own terminate: the connection closes the socket (end()) when it has read <close/>.
      if (ex.terminates) return;
      if (condition) this.emit('error', netError(`terminated: ${condition}`));
      this.close(true);
    }
  }

  private resendReported(rid: number) {
    const ex = this.inFlight.get(rid);
    if (ex && !this.answered.has(rid)) void this.send(ex, 0);
  }

  private fail(err: Error) {
    if (this.ended) return;
    this.stopRequests();
    this.emit('error', err);
    this.close(true);
  }
}
