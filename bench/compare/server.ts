// The benchmark's server: seeded once, restored from a snapshot before every run, so every run
// sees the same data. What is seeded and why: bench/README.md "What happens", step 2.
import { xml } from '@xmpp/client';
import { connectBot } from '../../test-support/bot';
import { type ArchivedChat, writeArchive, writeRoster } from '../../test-support/seed.mjs';
import { type SeededServer, seedProsody } from '../lib/seededServer';
import {
  type Account,
  BIG,
  BOT,
  BOT_JID,
  contactName,
  DOMAIN,
  historyText,
  pad,
  SIZE,
  SMALL,
} from './config';

const ACCOUNTS: Account[] = [BIG, SMALL];

/** The account's roster: its first `contacts` contacts in groups of 200, mutual subscriptions. */
export const rosterOf = (account: Account) =>
  Array.from({ length: account.contacts }, (_, i) => ({
    jid: `contact${pad(i, 4)}@${DOMAIN}`,
    name: contactName(i),
    groups: [`Group ${Math.floor(i / 200)}`],
  }));

/** The conversation: SIZE.history messages from the bot, one every 30 s, the newest an hour ago. */
const historyFor = (account: Account, now: number): ArchivedChat[] =>
  Array.from({ length: SIZE.history }, (_, i) => ({
    from: `${BOT_JID}/history`,
    to: account.jid,
    with: BOT_JID,
    body: historyText(i + 1),
    id: `history-${i + 1}`,
    when: now - 3600 - (SIZE.history - 1 - i) * 30,
  }));

export async function seedServer(): Promise<SeededServer> {
  const t0 = Date.now();
  const server = await seedProsody({
    prefix: 'parley-compare-',
    domain: DOMAIN,
    accounts: [
      ...ACCOUNTS.map((a) => [a.user, a.password] as const),
      [BOT, 'bot-pass-1'],
      ['lat-a', 'lat-pass-1'],
      ['lat-b', 'lat-pass-1'],
      ['floor', 'floor-pass-1'],
    ],
    write(dataPath) {
      const now = Math.floor(Date.now() / 1000);
      for (const account of ACCOUNTS) {
        writeRoster(dataPath, DOMAIN, account.user, rosterOf(account));
        writeArchive(dataPath, DOMAIN, account.user, historyFor(account, now));
      }
      // Each contact's own roster has the accounts that list it, so the server answers the
      // sign-in's presence probes with "unavailable" (as for any offline contact) instead of
      // cancelling subscriptions.
      for (let i = 0; i < SIZE.contacts; i++)
        writeRoster(
          dataPath,
          DOMAIN,
          `contact${pad(i, 4)}`,
          ACCOUNTS.filter((a) => i < a.contacts).map((a) => ({ jid: a.jid, name: a.user })),
        );
      writeRoster(dataPath, DOMAIN, 'lat-a', [{ jid: `lat-b@${DOMAIN}`, name: 'Lat B' }]);
      writeRoster(dataPath, DOMAIN, 'lat-b', [{ jid: `lat-a@${DOMAIN}`, name: 'Lat A' }]);
    },
  });

  // Check the seed through the server itself before anything is measured.
  const seen: string[] = [];
  for (const account of ACCOUNTS) {
    const { archived, contacts: items } = await countSeeded(server, account, BOT_JID);
    if (archived !== SIZE.history || items !== account.contacts)
      throw new Error(
        `Seed check failed for ${account.user}: archive ${archived}/${SIZE.history}, roster ${items}/${account.contacts}`,
      );
    seen.push(`${account.user}: roster ${items} contacts, archive ${archived} messages`);
  }
  console.log(
    `Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${seen.join('; ')} (checked over XMPP)`,
  );
  return server;
}

/** What the server holds for the account: its archive (with one peer, or all) and roster. */
export async function countSeeded(server: SeededServer, account: Account, withJid?: string) {
  const check = await connectBot({
    service: server.prosody.websocketUrl,
    domain: DOMAIN,
    username: account.user,
    password: account.password,
    presence: false,
  });
  const archived = await check.archiveCount(withJid);
  const roster = await check.xmpp.iqCaller.request(
    xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
  );
  const contacts = roster.getChild('query', 'jabber:iq:roster')?.getChildren('item').length ?? 0;
  await check.stop();
  return { archived, contacts };
}
