// The scale tier's steps, on the runner of the side-by-side benchmark (compare/runner.ts): the
// clock in the page, the checks of what is on screen before it stops, a heap after each.
import { contactName, LIMIT_S, PARLEY_LIMIT_S } from '../compare/config';
import type { BenchWindow } from '../compare/probe';
import { DidNotFinish, heapMiB, race } from '../compare/results';
import type { RunContext } from '../compare/runner';
import { clickUntilShown } from '../compare/scenarios/conversation';
import { warmReload } from '../compare/scenarios/reload';
import { fillSignIn } from '../compare/scenarios/signIn';
import { SCALE } from './config';
import { newestText, peerJid } from './corpus';

const CHAT_ROWS = 'nav[aria-label="Chats"] li button.row';
const CONTACT_RE = '^Contact \\d{4}$';

/** The control that opens the conversation with contact i: Parley's chat list row (the chat
 * list is on screen after sign-in), Converse.js's roster entry (it has no chat list). */
export const openerOf = (ctx: RunContext, i: number) =>
  ctx.isConverse
    ? `converse-roster-contact a.open-chat[data-jid="${peerJid(i)}"]`
    : `${CHAT_ROWS}[aria-label="${contactName(i)}"]`;

/**
 * (S1) A new browser signs in: from the click on the sign-in button until the chat list shows
 * the last 30 days' conversations, all of them, newest first (Parley). Converse.js has no such
 * list: its run waits for its counterpart (plans.ts: its rooms listed, the biggest
 * conversation's contact in its roster) and says how long that took (not a table figure).
 * Then the JS heap. A warm-up run ends once signed in.
 */
export function firstSignIn(expected: readonly string[]) {
  return async (ctx: RunContext) => {
    const { app, page, limitMs } = ctx;
    await fillSignIn(ctx);
    const r = await race(
      page.evaluate(
        async ({ submit, rowsSel, re, expected, converseRow, limit }) => {
          const B = (window as unknown as BenchWindow).__bench;
          const nameRe = new RegExp(re);
          const t0 = performance.now();
          (document.querySelector(submit) as HTMLElement).click();
          const done = await B.until(() => {
            if (converseRow) return B.visible(document.querySelector(converseRow));
            const rows = document.querySelectorAll(rowsSel);
            if (rows.length < expected.length) return false;
            const names = [...rows]
              .map((b) => b.getAttribute('aria-label') ?? '')
              .filter((n) => nameRe.test(n));
            return names.length === expected.length && names.every((n, i) => n === expected[i]);
          }, limit);
          return done ? performance.now() - t0 : null;
        },
        {
          submit: app.submit,
          rowsSel: CHAT_ROWS,
          re: CONTACT_RE,
          expected,
          converseRow: ctx.isConverse ? app.conversationListPainted : null,
          limit: limitMs,
        },
      ),
      limitMs + 10_000,
    );
    const ms = r === 'hung' ? null : r;
    if (ms === null) {
      if (!ctx.isConverse)
        throw new Error(
          `${ctx.label}: the chat list did not show the ${expected.length} conversations within ${PARLEY_LIMIT_S} s`,
        );
      throw new DidNotFinish('chatList');
    }
    if (ctx.isConverse)
      ctx.notes.push(
        `sign-in until the control box shows its rooms and ${contactName(0)} in its roster: ${ms.toFixed(0)} ms (no chat list)`,
      );
    else {
      ctx.record('chatList', { value: ms });
      ctx.notes.push(await scanNote(ctx));
    }
    await recordHeap(ctx, 'heapSignIn');
    await shot(ctx, 'signed-in');
  };
}

/** (S2) The warm start: a reload, until the chat list (Converse.js: the roster) is painted. */
export async function warmStart(ctx: RunContext) {
  await warmReload(ctx);
  await shot(ctx, 'warm');
  await recordHeap(ctx, 'heapWarm');
}

/** (S3) Open the biggest conversation until its newest message is visible; the heap. */
export async function openBiggest(ctx: RunContext) {
  await ctx.quiet('open');
  const tx0 = await ctx.txCount();
  const ms = await ctx.profile('open', 'open the biggest conversation', () =>
    clickUntilShown(ctx, openerOf(ctx, 0), newestText(0)),
  );
  if (ms === null) {
    if (!ctx.isConverse)
      throw new Error(
        `${ctx.label}: the biggest conversation not shown within ${PARLEY_LIMIT_S} s`,
      );
    ctx.record('openBiggest', { dnf: LIMIT_S });
    throw new DidNotFinish('openBiggest');
  }
  ctx.record('openBiggest', { value: ms });
  ctx.tx.push(`open the biggest ${(await ctx.txCount()) - tx0}`);
  await recordHeap(ctx, 'heapOpen');
}

/**
 * (S4) Switch between SCALE.switches conversations: each opened in turn (contacts 1, 2, …),
 * each until its newest message is visible; the sum, then the heap.
 */
export async function switchConversations(ctx: RunContext) {
  await ctx.quiet('switch');
  const each: number[] = [];
  for (let i = 1; i <= SCALE.switches; i++) {
    const ms = await clickUntilShown(ctx, openerOf(ctx, i), newestText(i));
    if (ms === null) {
      if (!ctx.isConverse)
        throw new Error(`${ctx.label}: conversation ${i} not shown within ${PARLEY_LIMIT_S} s`);
      ctx.notes.push(`switches before the limit: ${each.map((v) => v.toFixed(0)).join(', ')} ms`);
      ctx.record('switch', { dnf: LIMIT_S });
      throw new DidNotFinish('switch');
    }
    each.push(ms);
  }
  ctx.record('switch', { value: each.reduce((a, b) => a + b, 0) });
  ctx.notes.push(`each switch (ms): ${each.map((v) => v.toFixed(0)).join(', ')}`);
  await shot(ctx, 'switched');
  await recordHeap(ctx, 'heapSwitch');
}

/**
 * (S5) IndexedDB bytes per stored message: the origin's usage by navigator.storage.estimate()
 * over the messages the client stored, counted in the page (storedMessages).
 */
export async function storedBytes(ctx: RunContext) {
  if (!ctx.isConverse) ctx.notes.push(`at the end, ${await scanNote(ctx)}`);
  const r = await race(ctx.page.evaluate(storedMessages, ctx.isConverse), 60_000);
  if (r === 'hung') throw new Error(`${ctx.label}: the page did not count its stored messages`);
  ctx.notes.push(
    `IndexedDB: ${(r.usage / 1e6).toFixed(2)} MB in use (storage.estimate), ${r.messages} messages stored (${r.where})`,
  );
  if (r.messages > 0) ctx.record('idbPerMessage', { value: r.usage / r.messages });
}

/**
 * In the page: the origin's storage usage and the messages stored. Parley: rows of its
 * database's `messages` store. Converse.js (localforage through Skeletor): the models of its
 * `converse.messages-…` collections (a key per model, beside the key that lists them).
 */
export async function storedMessages(converse: boolean) {
  const { usage = 0 } = await navigator.storage.estimate();
  const open = (name: string) =>
    new Promise<IDBDatabase>((done, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
  const ask = <T>(req: IDBRequest<T>) =>
    new Promise<T>((done, fail) => {
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
  let messages = 0;
  const where: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await open(info.name);
    for (const storeName of [...db.objectStoreNames]) {
      const store = db.transaction(storeName).objectStore(storeName);
      if (!converse) {
        if (storeName !== 'messages') continue;
        const n = await ask(store.count());
        messages += n;
        where.push(`${info.name}/${storeName}: ${n}`);
        continue;
      }
      const keys = (await ask(store.getAllKeys())).map(String);
      // A collection is kept as one key listing its models' keys, and a key per model: the
      // models are what is stored.
      let n = 0;
      for (const k of keys.filter((k) => /^converse\.messages-/.test(k))) {
        const value: unknown = await ask(store.get(k));
        if (!Array.isArray(value)) n++;
      }
      // The kinds of keys, for the evidence: what else the store holds.
      const kinds = new Map<string, number>();
      for (const k of keys) {
        const kind = k.replace(/[-@].*$/, '');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      const top = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6);
      where.push(
        `${info.name}/${storeName}: ${n} messages stored by its message collections, ${keys.length} keys in all (${top.map(([k, c]) => `${k} ${c}`).join(', ')})`,
      );
      messages += n;
    }
    db.close();
  }
  return { usage, messages, where: where.join(', ') || 'none found' };
}

/** BENCH_SCALE_SHOTS=folder: a screenshot after a step, to see what each client showed. */
async function shot(ctx: RunContext, what: string) {
  const dir = process.env['BENCH_SCALE_SHOTS'];
  if (dir) await ctx.page.screenshot({ path: `${dir}/${ctx.app.key}-run${ctx.run}-${what}.png` });
}

/** Where S1's time went: the archive scan's own mark (src/engine/recent.ts), once it is done. */
async function scanNote(ctx: RunContext): Promise<string> {
  const scan = await ctx.page.evaluate(
    () =>
      (performance.getEntriesByName('parley:recent:scanned')[0] as PerformanceMark | undefined)
        ?.detail as { pages: number; found: number; ms: number; queryMs: number } | undefined,
  );
  return scan
    ? `archive scan: ${scan.pages} pages, ${scan.found} conversations found, ${scan.ms} ms, of which waiting for the server ${scan.queryMs} ms`
    : 'archive scan: not finished yet';
}

/** The heap after GC; a page too busy to be collected within a minute gets a note instead. */
async function recordHeap(
  ctx: RunContext,
  key: 'heapSignIn' | 'heapWarm' | 'heapOpen' | 'heapSwitch',
) {
  const mib = await race(heapMiB(ctx.cdp), 60_000);
  if (mib === 'hung') ctx.notes.push(`${key}: no figure, the page was not collected within 60 s`);
  else ctx.record(key, { value: mib });
}
