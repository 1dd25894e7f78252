import { afterEach, describe, expect, it } from 'vitest';
import { connectBot } from '../../test-support/bot';
import { buildCorpus, senderJid } from './corpus';
import { type ReplayServer, startReplay } from './server';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function withArchive(senders: number, perSender: number) {
  server = await startReplay({ accounts: { reader: { password: 'pw-1' } } });
  const items = buildCorpus({
    reader: 'reader@localhost',
    domain: 'localhost',
    senders,
    perSender,
    from: Date.now() - 3_600_000,
  });
  server.archive('reader').push(...items);
  return { server, items };
}

describe('replay server', () => {
  it.each(['PLAIN', 'SCRAM-SHA-1'] as const)(
    'a client signed in with %s reads the whole archive in order, page by page',
    async (mechanism) => {
      const { server, items } = await withArchive(3, 200);
      const bot = await connectBot({
        service: server.url,
        domain: 'localhost',
        username: 'reader',
        password: 'pw-1',
        mechanism,
      });
      try {
        const got = await bot.archive();
        expect(got.map((m) => m.archiveId)).toEqual(items.map((it) => it.id));
        expect(got[0]?.from).toBe(`${senderJid(0, 'localhost')}/bot-0`);
        expect(got.at(-1)?.body).toMatch(/\(sender2 #200\)$/);
        // Stamped in whole seconds, as Prosody stamps its archive.
        expect(got[0]?.stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        // 600 messages in pages of at most 250.
        expect(server.stats.queries).toBe(3);
        expect(await bot.archiveCount(senderJid(1, 'localhost'))).toBe(200);
      } finally {
        await bot.stop();
      }
    },
  );

  it('refuses a wrong password', async () => {
    const { server } = await withArchive(1, 1);
    await expect(
      connectBot({ service: server.url, domain: 'localhost', username: 'reader', password: 'no' }),
    ).rejects.toThrow(/not-authorized/);
  });
});
