// (1a) Cold load until the sign-in screen shows; (2) cold sign-in until the whole roster is
// shown and scrollable, and (1b) the bytes loaded until the main screen showed.
import { CONTACT_NAME_RE, contactName, LIMIT_S, PARLEY_LIMIT_S } from '../config';
import type { BenchWindow } from '../probe';
import { DidNotFinish, race } from '../results';
import type { RunContext } from '../runner';

export async function loadSignIn(ctx: RunContext) {
  const { app, page } = ctx;
  await page.goto(ctx.sites[app.key], { waitUntil: 'commit' });
  const signInAt = await page
    .waitForFunction(() => (window as unknown as BenchWindow).__bench.marks['signIn'], undefined, {
      timeout: ctx.limitMs,
    })
    .then((h) => h.jsonValue() as Promise<number>);
  await page.waitForTimeout(300); // let CDP events of that moment arrive
  ctx.origin = await page.evaluate(() => performance.timeOrigin);
  ctx.record('bytesSignIn', { value: ctx.bytesUntil(signInAt) });
  if (ctx.run === 1)
    ctx.store.evidence.push(
      `${app.name}, files loaded before the sign-in screen showed (kB as transferred): ${ctx
        .filesUntil(signInAt)
        .map((f) => `${f.url.replace(/^https?:\/\/[^/]+/, '')} ${(f.bytes / 1000).toFixed(1)}`)
        .join(', ')}`,
    );
}

/** The clock starts at the click on the sign-in button (in the page, so Playwright's round
 * trips are not counted). A warm-up run ends here, once signed in. */
export async function signInToRoster(ctx: RunContext) {
  const { app, page, account, limitMs } = ctx;
  await fillSignIn(ctx);
  const last = contactName(account.contacts - 1);
  const tx0 = await ctx.txCount();
  const roster = await ctx.profile('roster', 'sign-in to the roster', () =>
    race(
      page.evaluate(
        async ({ a, n, last, re, limit }) => {
          const B = (window as unknown as BenchWindow).__bench;
          const nameRe = new RegExp(re);
          const nameOf = (el: Element) =>
            a.contactNameFrom === 'aria-label'
              ? (el.getAttribute('aria-label') ?? '')
              : (el.querySelector(a.contactNameFrom.text)?.textContent?.trim() ?? '');
          const t0 = performance.now();
          (document.querySelector(a.submit) as HTMLElement).click();
          let tabClicked = !a.rosterTab;
          let rowHeight = 0;
          const r = await B.until(() => {
            if (!tabClicked && a.rosterTab) {
              const { selector, text } = a.rosterTab;
              const tab = [...document.querySelectorAll<HTMLElement>(selector)].find((t) =>
                t.textContent?.trim().startsWith(text),
              );
              if (!tab) return false;
              tab.click();
              tabClicked = true;
              return false;
            }
            // Per frame only native lookups; the full check of names runs once all rows are in.
            const lastRow = document.querySelector(a.lastContact);
            if (!lastRow) {
              // Not rendered (yet, or a virtualized list): go to the end of the list.
              const scroller = B.scroller(document.querySelector(a.contactRow));
              if (scroller) scroller.scrollTop = scroller.scrollHeight; // clamped to the end
              return false;
            }
            if (nameOf(lastRow.closest(a.contactRow) ?? lastRow) !== last) return false;
            if (!B.visible(lastRow)) {
              lastRow.scrollIntoView({ block: 'end' });
              return false;
            }
            const rows = document.querySelectorAll(a.contactRow);
            const scroller = B.scroller(lastRow);
            const ms = performance.now() - t0;
            if (rows.length < n) {
              // A virtualized list: its scroll range must hold every row.
              rowHeight ||= rows[0]?.getBoundingClientRect().height ?? 0;
              const virtualFull =
                scroller !== null && rowHeight > 0 && scroller.scrollHeight >= n * rowHeight * 0.9;
              if (!virtualFull) return false;
              return { ms, rendered: rows.length, scrollHeight: scroller.scrollHeight };
            }
            const names = new Set([...rows].map(nameOf).filter((x) => nameRe.test(x)));
            if (names.size < n) return false;
            return { ms, rendered: names.size, scrollHeight: scroller?.scrollHeight ?? 0 };
          }, limit);
          return {
            roster: r,
            main: B.marks['main'] ?? null,
            t0,
          };
        },
        { a: app, n: account.contacts, last, re: CONTACT_NAME_RE, limit: limitMs },
      ),
      limitMs + 10_000,
    ),
  );
  await page.waitForTimeout(300);
  if (roster === 'hung' || !roster.roster) {
    if (!ctx.isConverse)
      throw new Error(`${ctx.label}: the roster was not fully shown within ${PARLEY_LIMIT_S} s`);
    // Bytes until the main screen can still be told if the main screen showed.
    const main = roster === 'hung' ? null : roster.main;
    ctx.record('bytesMain', main === null ? { dnf: LIMIT_S } : { value: ctx.bytesUntil(main) });
    ctx.record('roster', { dnf: LIMIT_S });
    throw new DidNotFinish('roster');
  }
  if (roster.main === null) throw new Error(`${ctx.label}: main screen mark missing`);
  ctx.record('bytesMain', { value: ctx.bytesUntil(roster.main) });
  ctx.record('roster', { value: roster.roster.ms });
  ctx.tx.push(`sign-in to roster ${(await ctx.txCount()) - tx0}`);
  ctx.notes.push(
    `roster ${roster.roster.rendered} rows in the DOM (list scroll height ${roster.roster.scrollHeight} px)`,
  );
}

/**
 * Fills in the sign-in form. A warm-up run signs in here and ends once the main screen shows:
 * every file has been loaded once, the server is warm.
 */
export async function fillSignIn(ctx: RunContext) {
  const { app, page, account, limitMs } = ctx;
  await page.fill(app.address, account.jid);
  await page.fill(app.password, account.password);
  if (ctx.counted) return;
  await page.click(app.submit);
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__bench.marks['main'],
    undefined,
    { timeout: limitMs },
  );
  throw new DidNotFinish('');
}
