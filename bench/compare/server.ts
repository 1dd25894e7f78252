// The benchmark's server: seeded once, restored from a snapshot before every run, so every run
// sees the same data. What is seeded and why: bench/README.md "What happens", step 2.
import { xml } from '@xmpp/client';
import { connectBot } from '../../test-support/bot';
import { writeArchive, writeRoster } from '../../test-support/seed.mjs';
import { type SeededServer, seedProsody } from '../lib/seededServer';
import {
  BOT,
  BOT_JID,
  contactName,
  DOMAIN,
  historyText,
  PASSWORD,
  pad,
  SIZE,
  USER,
  USER_JID,
} from './config';

export async function seedServer(): Promise<SeededServer> {
  const t0 = Date.now();
  const server = await seedProsody({
    prefix: 'parley-compare-',
    domain: DOMAIN,
    accounts: [
      [USER, PASSWORD],
      [BOT, 'bot-pass-1'],
      ['lat-a', 'lat-pass-1'],
      ['lat-b', 'lat-pass-1'],
      ['floor', 'floor-pass-1'],
    ],
    write(dataPath) {
      // The bench user's roster: SIZE.contacts contacts in groups of 200, mutual subscriptions.
      // Each contact's own roster has the bench user too, so the server answers the sign-in's
      // presence probes with "unavailable" (as for any offline contact) instead of cancelling
      // subscriptions.
      const contacts = Array.from({ length: SIZE.contacts }, (_, i) => ({
        jid: `contact${pad(i, 4)}@${DOMAIN}`,
        name: contactName(i),
        groups: [`Group ${Math.floor(i / 200)}`],
      }));
      writeRoster(dataPath, DOMAIN, USER, contacts);
      for (let i = 0; i < SIZE.contacts; i++)
        writeRoster(dataPath, DOMAIN, `contact${pad(i, 4)}`, [{ jid: USER_JID, name: 'Bench' }]);
      writeRoster(dataPath, DOMAIN, 'lat-a', [{ jid: `lat-b@${DOMAIN}`, name: 'Lat B' }]);
      writeRoster(dataPath, DOMAIN, 'lat-b', [{ jid: `lat-a@${DOMAIN}`, name: 'Lat A' }]);

      // The conversation: SIZE.history messages from the bot, one every 30 s, the newest an
      // hour ago.
      const now = Math.floor(Date.now() / 1000);
      writeArchive(
        dataPath,
        DOMAIN,
        USER,
        Array.from({ length: SIZE.history }, (_, i) => ({
          from: `${BOT_JID}/history`,
          to: USER_JID,
          with: BOT_JID,
          body: historyText(i + 1),
          id: `history-${i + 1}`,
          when: now - 3600 - (SIZE.history - 1 - i) * 30,
        })),
      );
    },
  });

  // Check the seed through the server itself before anything is measured.
  const check = await connectBot({
    service: server.prosody.websocketUrl,
    domain: DOMAIN,
    username: USER,
    password: PASSWORD,
    presence: false,
  });
  const archived = await check.archiveCount(BOT_JID);
  const roster = await check.xmpp.iqCaller.request(
    xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
  );
  const items = roster.getChild('query', 'jabber:iq:roster')?.getChildren('item').length ?? 0;
  await check.stop();
  if (archived !== SIZE.history || items !== SIZE.contacts)
    throw new Error(
      `Seed check failed: archive ${archived}/${SIZE.history}, roster ${items}/${SIZE.contacts}`,
    );
  console.log(
    `Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: roster ${items} contacts, archive ${archived} messages (checked over XMPP)`,
  );
  return server;
}
