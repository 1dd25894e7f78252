// The server for the comparison screenshots: a private Prosody whose rosters are written in its
// own file format, then every message sent live by real XMPP sessions (so both clients read the
// same archives by MAM). The data folder is then kept as a snapshot and put back before each
// client signs in, so what the first client does (markers, bookmarks) is not shown to the second.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { type Prosody, startProsody } from '../../dev/prosody.mjs';
import { type Bot, connectBot, joinRoomAs } from '../../test-support/bot';
import { writeRoster } from '../../test-support/seed.mjs';
import {
  AFTER_ROOM,
  ANN,
  BEFORE_ROOM,
  type Conversation,
  DOMAIN,
  jidOf,
  PASSWORD,
  PEOPLE,
  ROOM,
  ROOM_LINES,
  ROOM_NAME,
  ROOM_SUBJECT,
  type Who,
} from './data';

const NS_MUC = 'http://jabber.org/protocol/muc';
const WHO = Object.keys(PEOPLE) as Who[];

export interface ScreensServer {
  prosody: Prosody;
  /** Put the seeded data back and bring the contacts online and into the room again. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Prosody stamps archived messages to the second, and both clients order by that stamp: each
 * message goes out in a later second than the one before was acknowledged in, so the order
 * the clients show is the order sent (a pacing of the sender, not a wait for a result).
 */
function createPacer() {
  let last = 0;
  return {
    async next() {
      const wait = (last + 1) * 1000 + 20 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    },
    sent() {
      last = Math.floor(Date.now() / 1000);
    },
  };
}

/** Rejects after `ms` with what was awaited, so a stanza that never comes fails the run early. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`No ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const botFor = (prosody: Prosody, user: string, password: string) =>
  connectBot({ service: prosody.websocketUrl, domain: DOMAIN, username: user, password });

const iq = (bot: Bot, type: 'get' | 'set', child: Element, to?: string) =>
  bot.xmpp.iqCaller.request(xml('iq', { type, ...(to ? { to } : {}) }, child), 30_000);

/**
 * The person's name where clients look for it: the XEP-0172 nick in PEP (what Parley publishes
 * from its profile settings) and vcard-temp (what Converse.js reads; Prosody also publishes it as
 * vCard4).
 */
async function setName(bot: Bot, name: string) {
  const nick = 'http://jabber.org/protocol/nick';
  const item = xml('item', { id: 'current' }, xml('nick', { xmlns: nick }, name));
  const publish = xml('publish', { node: nick }, item);
  await iq(bot, 'set', xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, publish));
  const vcard = xml(
    'vCard',
    { xmlns: 'vcard-temp' },
    xml('FN', {}, name),
    xml('NICKNAME', {}, name),
  );
  await iq(bot, 'set', vcard);
}

/** Join the room as `nick`; resolves with our own presence (status 110, and 201 when created). */
const joinRoom = (bot: Bot, nick: string) => joinRoomAs(bot, ROOM, nick, 10_000);

/** A groupchat message (or subject); resolves once the room has sent it back to us. */
async function sayInRoom(bot: Bot, nick: string, content: Element): Promise<void> {
  const id = `screens-${Math.random().toString(36).slice(2)}`;
  const echoed = new Promise<void>((done) => {
    const onStanza = (stanza: Element) => {
      if (!stanza.is('message') || stanza.attrs['from'] !== `${ROOM}/${nick}`) return;
      // Prosody sends a subject change back with an id of its own.
      if (stanza.attrs['id'] === id || (content.is('subject') && stanza.getChild('subject'))) {
        bot.xmpp.off('stanza', onStanza);
        done();
      }
    };
    bot.xmpp.on('stanza', onStanza);
  });
  await bot.xmpp.send(
    xml(
      'message',
      { type: 'groupchat', to: ROOM, id },
      content,
      xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
    ),
  );
  await within(echoed, 10_000, `echo of ${content.toString()} in ${ROOM}`);
}

/** Bob creates the room (named, persistent, archived, addresses visible) and sets its subject. */
async function createRoom(bob: Bot) {
  const self = await joinRoom(bob, PEOPLE.bob.name);
  const created = self
    .getChild('x', `${NS_MUC}#user`)
    ?.getChildren('status')
    .some((s) => s.attrs['code'] === '201');
  if (!created) throw new Error(`${ROOM} existed before the seed`);
  const field = (name: string, value: string) =>
    xml('field', { var: name }, xml('value', {}, value));
  await iq(
    bob,
    'set',
    xml(
      'query',
      { xmlns: `${NS_MUC}#owner` },
      xml(
        'x',
        { xmlns: 'jabber:x:data', type: 'submit' },
        field('FORM_TYPE', `${NS_MUC}#roomconfig`),
        field('muc#roomconfig_roomname', ROOM_NAME),
        field('muc#roomconfig_persistentroom', '1'),
        field('muc#roomconfig_publicroom', '1'),
        field('muc#roomconfig_enablearchiving', '1'),
        field('muc#roomconfig_whois', 'anyone'),
      ),
    ),
    ROOM,
  );
  await sayInRoom(bob, PEOPLE.bob.name, xml('subject', {}, ROOM_SUBJECT));
}

async function sendConversations(
  conversations: Conversation[],
  ann: Bot,
  bots: Record<Who, Bot>,
  pace: ReturnType<typeof createPacer>,
) {
  for (const c of conversations)
    for (const [from, text] of c.lines) {
      const sender = from === 'ann' ? ann : bots[c.with];
      await pace.next();
      await sender.sendChat(from === 'ann' ? jidOf(c.with) : jidOf('ann'), text);
      await sender.flush();
      pace.sent();
    }
}

/** Everything sent live; Ann is online throughout, so nothing waits in offline storage. */
async function seedLive(prosody: Prosody) {
  const ann = await botFor(prosody, ANN.user, ANN.password);
  const bots = {} as Record<Who, Bot>;
  for (const who of WHO) bots[who] = await botFor(prosody, PEOPLE[who].user, PASSWORD);
  await setName(ann, ANN.name);
  for (const who of WHO) await setName(bots[who], PEOPLE[who].name);
  // Ann's bookmark of the room, autojoin: both clients join it on sign-in. Set in XEP-0049
  // private storage; Prosody's mod_bookmarks publishes it as XEP-0402 too.
  await iq(
    ann,
    'set',
    xml(
      'query',
      { xmlns: 'jabber:iq:private' },
      xml(
        'storage',
        { xmlns: 'storage:bookmarks' },
        xml(
          'conference',
          { jid: ROOM, name: ROOM_NAME, autojoin: 'true' },
          xml('nick', {}, ANN.name),
        ),
      ),
    ),
  );
  const pace = createPacer();
  await sendConversations(BEFORE_ROOM, ann, bots, pace);
  await createRoom(bots.bob);
  for (const who of WHO.filter((w) => w !== 'bob' && PEOPLE[w].inRoom))
    await joinRoom(bots[who], PEOPLE[who].name);
  for (const [who, text] of ROOM_LINES) {
    await pace.next();
    await sayInRoom(bots[who], PEOPLE[who].name, xml('body', {}, text));
    pace.sent();
  }
  await sendConversations(AFTER_ROOM, ann, bots, pace);
  // Receipts (the bots answer every request) are archived too: count the texts.
  const archived = (await ann.archive()).filter((m) => m.body !== '').length;
  for (const bot of [ann, ...Object.values(bots)]) await bot.stop();
  const sent = [...BEFORE_ROOM, ...AFTER_ROOM].reduce((n, c) => n + c.lines.length, 0);
  if (archived !== sent) throw new Error(`Ann's archive has ${archived} messages, ${sent} sent`);
  return archived;
}

/** The contacts who are online during the screenshots, those in the room sitting in it. */
async function bringOnline(prosody: Prosody): Promise<Bot[]> {
  const online: Bot[] = [];
  for (const who of WHO.filter((w) => PEOPLE[w].online)) {
    const bot = await botFor(prosody, PEOPLE[who].user, PASSWORD);
    if (PEOPLE[who].inRoom) await joinRoom(bot, PEOPLE[who].name);
    online.push(bot);
  }
  return online;
}

export async function startScreensServer(): Promise<ScreensServer> {
  const t0 = Date.now();
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = mkdtempSync(path.join(base, 'parley-screens-'));
  const dataPath = path.join(dataDir, 'data');
  const snapshot = path.join(dataDir, 'snapshot');
  const first = await startProsody({ dataDir });
  const { c2sPort, httpPort } = first;
  await first.register(ANN.user, ANN.password);
  for (const who of WHO) await first.register(PEOPLE[who].user, PASSWORD);
  await first.stop();
  // Mutual subscriptions, with names and groups, on both sides of every pair.
  writeRoster(
    dataPath,
    DOMAIN,
    ANN.user,
    WHO.map((who) => ({ jid: jidOf(who), name: PEOPLE[who].name, groups: [PEOPLE[who].group] })),
  );
  for (const who of WHO)
    writeRoster(dataPath, DOMAIN, PEOPLE[who].user, [{ jid: jidOf('ann'), name: ANN.name }]);
  const start = () => startProsody({ dataDir, c2sPort, httpPort });
  let prosody = await start();
  const archived = await seedLive(prosody).catch(async (error: unknown) => {
    await prosody.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  await prosody.stop();
  cpSync(dataPath, snapshot, { recursive: true });
  prosody = await start();
  let online = await bringOnline(prosody);
  console.log(
    `Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; Ann's archive: ${archived} messages (checked)`,
  );
  const server: ScreensServer = {
    get prosody() {
      return prosody;
    },
    async restore() {
      for (const bot of online) await bot.stop();
      await prosody.stop();
      rmSync(dataPath, { recursive: true, force: true });
      cpSync(snapshot, dataPath, { recursive: true });
      prosody = await start();
      online = await bringOnline(prosody);
    },
    async stop() {
      for (const bot of online) await bot.stop();
      await prosody.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
