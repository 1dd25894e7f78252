import { describe, expect, it, vi } from 'vitest';
import {
  accountDb,
  type Message,
  markConversationRead,
  markReadElsewhere,
  setMeta,
  storeIncoming,
} from '../../db';
import { translate } from '../../i18n';
import type { NotifyInput } from './decide';
import { createNotifier, type NotificationDisplay } from './notifier';

const FSI = '\u2068';
const PDI = '\u2069';
let n = 0;
const msg = (peer: string, body: string, extra: Partial<Message> = {}): Message => ({
  id: `m${++n}`,
  peer,
  direction: 'in',
  body,
  at: Date.now(),
  state: 'delivered',
  remoteId: `r${n}`,
  ...extra,
});

/** A notifier over a fresh account, recording what it shows and closes. */
async function setup(
  page: Partial<Pick<NotifyInput, 'visible' | 'focused' | 'openPeer' | 'permission'>> = {},
) {
  const db = accountDb(`notify-${crypto.randomUUID()}@x.org`);
  const open = new Map<string, { title: string; body: string }>();
  const log: string[] = [];
  const icons = new Map<string, string | undefined>();
  const display: NotificationDisplay = {
    async show(x) {
      open.set(x.tag, { title: x.title, body: x.body });
      icons.set(x.tag, x.icon);
      log.push(`show ${x.tag}`);
    },
    async close(tag) {
      open.delete(tag);
      log.push(`close ${tag}`);
    },
  };
  const state = { leader: true, ...{ visible: false, focused: false, openPeer: null }, ...page };
  const sound = vi.fn();
  const decisions: string[] = [];
  const notifier = createNotifier({
    db,
    isLeader: () => state.leader,
    page: () => state,
    permission: () => page.permission ?? 'granted',
    display,
    sound,
    t: (key, params) => translate('en', key, params),
    onDecision: (peer, d) => decisions.push(`${peer} ${d.notify ? 'notify' : d.reason}`),
  });
  await notifier.ready;
  return { db, open, log, sound, state, notifier, decisions, icons };
}

describe('the notifier', () => {
  it('shows a contact by the name they gave themselves, with their picture', async () => {
    const { db, open, icons, notifier } = await setup();
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3);
    await db.avatars.put({ id: 'a1', blob: new Blob([png]), type: 'image/png' });
    await db.profiles.put({ jid: 'bob@x.org', nick: 'Bobby', avatar: 'a1' });
    await storeIncoming(db, msg('bob@x.org', 'hi'));
    await vi.waitFor(() => expect(open.get('parley:bob@x.org')?.title).toBe(`${FSI}Bobby${PDI}`));
    expect(icons.get('parley:bob@x.org')).toBe(
      `data:image/png;base64,${btoa(String.fromCharCode(...png))}`,
    );
    notifier.stop();
  });

  it('one notification per conversation that updates with the count; one sound per burst', async () => {
    const { db, open, log, sound, notifier } = await setup();
    for (let i = 1; i <= 10; i++) await storeIncoming(db, msg('bob@x.org', `hello ${i}`));
    await vi.waitFor(() =>
      expect(open.get('parley:bob@x.org')).toEqual({
        title: `${FSI}bob${PDI} (10)`,
        body: `${FSI}hello 10${PDI}`,
      }),
    );
    expect(open.size).toBe(1);
    expect(log.every((l) => l === 'show parley:bob@x.org')).toBe(true);
    expect(sound).toHaveBeenCalledTimes(1);
    notifier.stop();
  });

  it('closes the notification when the conversation is read here or on another device', async () => {
    const { db, open, log, notifier } = await setup();
    await storeIncoming(db, msg('bob@x.org', 'one'));
    await storeIncoming(db, msg('carol@x.org', 'two'));
    await vi.waitFor(() => expect(open.size).toBe(2));
    await markConversationRead(db, 'bob@x.org');
    await vi.waitFor(() => expect(log).toContain('close parley:bob@x.org'));
    await markReadElsewhere(db, 'carol@x.org', 'r-any');
    await vi.waitFor(() => expect(open.size).toBe(0));
    notifier.stop();
  });

  it('nothing for what was unread before it started, for old catch-up, or in a muted one', async () => {
    const db0 = accountDb(`notify-${crypto.randomUUID()}@x.org`);
    await storeIncoming(db0, msg('old@x.org', 'before'));
    const { db, log, notifier } = await setup();
    await setMeta(db, 'mutes', { 'muted@x.org': { mode: 'muted', until: null } });
    await storeIncoming(db, msg('muted@x.org', 'shh'));
    await storeIncoming(db, msg('history@x.org', 'long ago', { at: Date.now() - 3_600_000 }));
    await storeIncoming(db, msg('bob@x.org', 'now'));
    await vi.waitFor(() => expect(log).toEqual(['show parley:bob@x.org']));
    notifier.stop();
  });

  it('a follower tab shows nothing; the leader does', async () => {
    const { db, log, state, notifier, decisions } = await setup();
    state.leader = false;
    await storeIncoming(db, msg('bob@x.org', 'one'));
    await vi.waitFor(() => expect(decisions).toEqual(['bob@x.org not-leader']));
    state.leader = true;
    await storeIncoming(db, msg('carol@x.org', 'two'));
    await vi.waitFor(() => expect(log).toEqual(['show parley:carol@x.org']));
    notifier.stop();
  });

  it('nothing for the conversation on screen in a visible page; another one still notifies', async () => {
    const { db, log, notifier, decisions } = await setup({ visible: true, openPeer: 'bob@x.org' });
    await storeIncoming(db, msg('bob@x.org', 'one'));
    await storeIncoming(db, msg('carol@x.org', 'two'));
    await vi.waitFor(() => expect(decisions).toEqual(['bob@x.org looking', 'carol@x.org notify']));
    // Shown after the decision, once its name and picture are read: wait for it.
    await vi.waitFor(() => expect(log).toEqual(['show parley:carol@x.org']));
    notifier.stop();
  });

  it('without the browser’s permission: no notification, and the in-app offer becomes due', async () => {
    const { db, log, notifier } = await setup({ permission: 'default' });
    await storeIncoming(db, msg('bob@x.org', 'one'));
    await vi.waitFor(async () =>
      expect(await db.meta.get('notifyPrefs')).toEqual({ offerDue: true }),
    );
    expect(log).toEqual([]);
    notifier.stop();
  });
});
