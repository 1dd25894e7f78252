import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountDb, type OutgoingWrite, outgoingWrites } from '../db';

// The session layer, reduced to what the commands ask of it: the account's database.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
}));

// The runtime config.json, as the deployment of me@x.org serves it.
vi.mock('./config', () => ({ loadConfig: async () => ({ domain: 'x.org' }) }));

const { addContact, CommandError, sendMessage } = await import('./commands');

/** The engine of this tab, reduced to hearing of writes (and sending each one at once, or not). */
let heard: OutgoingWrite[];
let wentOut: boolean;
beforeEach(() => {
  session.db = accountDb(`c-${crypto.randomUUID()}@x.org`);
  heard = [];
  wentOut = true;
  outgoingWrites(session.db as object).subscribe((w) => {
    heard.push(w);
    if (wentOut) w.sentEarly();
  });
});

describe('sendMessage', () => {
  it('queues the message, and the engine hears of it while it is written', async () => {
    const db = session.db as ReturnType<typeof accountDb>;
    const sending = sendMessage('bob@x.org', 'hello  \n');
    // Heard in the task of the call, while the write runs.
    expect(heard.map((w) => w.msg.body)).toEqual(['hello']);
    const id = await sending;
    expect(heard[0]?.row).toMatchObject({ id, kind: 'chat' });
    expect(await heard[0]?.stored).toBe(true);
    expect(await db.messages.get(id)).toMatchObject({ body: 'hello', state: 'queued' });
    expect(await db.outbox.get(id)).toMatchObject({ kind: 'chat' });
  });

  it('says a message was sent but not saved when the write fails after it went out', async () => {
    const db = session.db as ReturnType<typeof accountDb>;
    // A write that fails: the conversation table refuses (as a full disk would).
    vi.spyOn(db.conversations, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    const err = await sendMessage('bob@x.org', 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as InstanceType<typeof CommandError>).code).toBe('sent-not-saved');
    expect(await db.messages.count()).toBe(0);
  });

  it('reports the storage error itself when the message did not go out either', async () => {
    wentOut = false;
    const db = session.db as ReturnType<typeof accountDb>;
    const quota = new Error('no room');
    vi.spyOn(db.conversations, 'put').mockRejectedValueOnce(quota);
    await expect(sendMessage('bob@x.org', 'hi')).rejects.toBe(quota);
  });

  it('refuses an empty or overlong message before anything is written', async () => {
    await expect(sendMessage('bob@x.org', '  \n ')).rejects.toMatchObject({ code: 'empty' });
    await expect(sendMessage('bob@x.org', 'x'.repeat(10_001))).rejects.toMatchObject({
      code: 'too-long',
    });
    expect(heard).toEqual([]);
  });
});

describe('addContact', () => {
  const added = async () =>
    (await (session.db as ReturnType<typeof accountDb>).tasks.toArray()).map((t) =>
      t.kind === 'addContact' ? t.jid : t.kind,
    );

  it('completes a bare name with the configured domain, as sign-in does', async () => {
    await addContact('  Bob ');
    await addContact('xmpp:carol');
    expect(await added()).toEqual(['bob@x.org', 'carol@x.org']);
  });

  it('keeps a full address as it is, and still refuses what is no address', async () => {
    await addContact('dave@other.net');
    expect(await added()).toEqual(['dave@other.net']);
    await expect(addContact('not an address')).rejects.toMatchObject({ code: 'bad-address' });
    await expect(addContact('me')).rejects.toMatchObject({ code: 'self' });
  });
});
