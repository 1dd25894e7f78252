import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, addTask } from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { sessionReady, until } from './testing';

// A new browser and the user's archive (XEP-0313): which conversations it shows, and the
// read state of our own archived messages.

const ME = 'me@example.com';
const DAY = 24 * 60 * 60_000;
/** The fake server's page limit (Prosody: max_archive_query_results). */
const SERVER_MAX = 5;

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
let roster: string[];

interface Item {
  id: string;
  at: number;
  with: string;
  xml: string;
}
let archive: Item[];
let queries: Array<{ with?: string; start?: string; before?: string; max: number }>;

let seq = 0;
/** An archived one-to-one item, `ago` ms before now; `inner` is the message's children. */
function item(from: string, to: string, ago: number, inner: string, id = `s${++seq}`): Item {
  const at = Date.now() - ago;
  const peer = (from.startsWith(ME) ? to : from).split('/')[0] ?? '';
  return {
    id: `a${String(++seq).padStart(5, '0')}`,
    at,
    with: peer,
    xml: `<forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${new Date(at).toISOString()}"/>
      <message xmlns="jabber:client" from="${from}" to="${to}" type="chat" id="${id}">${inner}</message></forwarded>`,
  };
}
const said = (from: string, to: string, ago: number, body: string, id?: string) =>
  item(
    from,
    to,
    ago,
    `<body>${body}</body>${id ? `<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/>` : ''}`,
    id,
  );

/** Answers MAM queries like Prosody: filters, pages by before/after, caps max, oldest first. */
function answerMam(iq: ReturnType<typeof xml>) {
  const q = iq.getChild('query', 'urn:xmpp:mam:2');
  if (!q) return null;
  const fields = new Map(
    (q.getChild('x', 'jabber:x:data')?.getChildren('field') ?? []).map((f) => [
      f.attrs['var'] as string,
      f.getChildText('value') ?? '',
    ]),
  );
  const set = q.getChild('set', 'http://jabber.org/protocol/rsm');
  const max = Math.min(Number(set?.getChildText('max') ?? 20), SERVER_MAX);
  const before = set?.getChild('before');
  const after = set?.getChildText('after');
  const w = fields.get('with');
  const start = fields.get('start');
  queries.push({
    max,
    ...(w ? { with: w } : {}),
    ...(start ? { start } : {}),
    ...(before?.getText() ? { before: before.getText() } : {}),
  });
  let items = archive.filter(
    (i) => (!w || i.with === w) && (!start || i.at >= new Date(start).getTime()),
  );
  let complete: boolean;
  if (before) {
    const b = before.getText();
    if (b) items = items.filter((i) => i.id < b);
    complete = items.length <= max;
    items = items.slice(-max);
  } else {
    if (after) items = items.filter((i) => i.id > after);
    complete = items.length <= max;
    items = items.slice(0, max);
  }
  for (const i of items)
    session.inject(
      `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${q.attrs['queryid']}" id="${i.id}">${i.xml}</result></message>`,
    );
  const rsm = items.length ? `<first>${items[0]?.id}</first><last>${items.at(-1)?.id}</last>` : '';
  return parseXml(
    `<iq type="result" id="${iq.attrs['id']}"><fin xmlns="urn:xmpp:mam:2" ${complete ? 'complete="true"' : ''}><set xmlns="http://jabber.org/protocol/rsm">${rsm}</set></fin></iq>`,
  );
}

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  archive = [];
  queries = [];
  roster = [];
  engine = undefined;
  session.answerIq(answer);
});

/** The fake server: the archive, the roster, and an empty result for anything else. */
function answer(iq: ReturnType<typeof xml>) {
  const mam = answerMam(iq);
  if (mam) return mam;
  if (iq.getChild('query', 'jabber:iq:roster'))
    return parseXml(
      `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster">${roster
        .map((j) => `<item jid="${j}" subscription="both"/>`)
        .join('')}</query></iq>`,
    );
  return xml('iq', { type: 'result', id: iq.attrs['id'] });
}

afterEach(() => {
  engine?.stop();
  db.close();
});

let logs: string[] = [];
/** Looks through the archive for conversations finished so far (the engine marks each). */
const scans = () => performance.getEntriesByName('parley:recent:scanned').length;
/** Resolves once the look that is running (or about to start) has finished. */
function scanDone(): () => Promise<void> {
  const before = scans();
  return () => until(() => expect(scans()).toBeGreaterThan(before));
}

/** Start, and wait for the session's setup and (unless told not to) its look for conversations. */
async function start(opts: { scan?: boolean } = {}) {
  logs = [];
  const ready = sessionReady();
  const looked = scanDone();
  engine = startEngine({ db, session, account: ME, log: (m) => logs.push(m) });
  await ready();
  if (opts.scan !== false) await looked();
}

async function chatList() {
  const convs = await db.conversations.orderBy('lastAt').reverse().toArray();
  return convs.map((c) => [c.peer, c.preview]);
}

describe('a new browser lists the conversations of the last 30 days', () => {
  it('finds contacts and strangers behind the newest page, newest first, and older ones on request', async () => {
    roster = ['bob@example.com'];
    archive = [
      said('dan@example.com/x', ME, 40 * DAY, 'dan, long ago'),
      said('carol@example.com/x', ME, 12 * DAY, 'carol first'),
      said(`${ME}/phone`, 'carol@example.com', 11 * DAY, 'to carol, last'),
      said('bob@example.com/x', ME, 6 * DAY, 'bob, older'),
      said('bob@example.com/x', ME, 5 * DAY, 'bob, last'),
      // The newest page is all Amy's (the server gives 5 at most).
      ...Array.from({ length: 8 }, (_, i) =>
        said('amy@example.com/x', ME, (10 - i) * 60_000, `amy ${i}`),
      ),
    ];
    await start();
    // Bob's, a contact's, is asked for on its own beside the scan.
    await until(async () =>
      expect(await chatList()).toEqual([
        ['amy@example.com', 'amy 7'],
        ['bob@example.com', 'bob, last'],
        ['carol@example.com', 'to carol, last'],
      ]),
    );
    // Only each conversation's newest message is written; its history loads when opened.
    expect(
      (await db.messages.toArray()).filter((m) => m.peer !== 'amy@example.com').map((m) => m.body),
    ).toEqual(expect.arrayContaining(['bob, last', 'to carol, last']));
    expect(await db.messages.where('peer').equals('bob@example.com').count()).toBe(1);
    // The scan pages backwards, no further than 30 days, asking for as much as it may.
    const scan = queries.filter((q) => !q.with && q.start);
    expect(scan.length).toBeGreaterThan(0);
    for (const q of scan)
      expect(Date.now() - new Date(q.start ?? '').getTime()).toBeGreaterThan(29 * DAY);

    // The person scrolls to the end of the list and asks for older conversations.
    const looked = scanDone();
    await addTask(db, { kind: 'olderConversations' });
    await looked();
    await until(async () => expect(await db.tasks.count()).toBe(0));
    expect((await chatList()).map(([peer]) => peer)).toEqual([
      'amy@example.com',
      'bob@example.com',
      'carol@example.com',
      'dan@example.com',
    ]);
    expect(await db.meta.get('conversationScan')).toMatchObject({ complete: true });
  });

  it("a contact's conversation shows without waiting for the scan", async () => {
    roster = ['bob@example.com'];
    archive = [
      said('bob@example.com/x', ME, 20 * DAY, 'bob, last'),
      ...Array.from({ length: 5 }, (_, i) =>
        said('amy@example.com/x', ME, (5 - i) * 1000, `a${i}`),
      ),
    ];
    // The scan's pages take their time (a long archive).
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    session.answerIq(async (iq) => {
      const q = iq.getChild('query', 'urn:xmpp:mam:2');
      const set = q?.getChild('set', 'http://jabber.org/protocol/rsm');
      const withField = q?.getChild('x', 'jabber:x:data')?.getChildren('field');
      const scanning =
        set?.getChildText('before') && !withField?.some((f) => f.attrs['var'] === 'with');
      if (scanning) await held;
      return answer(iq);
    });
    await start({ scan: false });
    await until(async () =>
      expect(await chatList()).toEqual([
        ['amy@example.com', 'a4'],
        ['bob@example.com', 'bob, last'],
      ]),
    );
    const looked = scanDone();
    release();
    await looked();
    expect(await db.messages.where('peer').equals('bob@example.com').count()).toBe(1);
  });

  it('a scan cut short by a new session goes on where it stopped', async () => {
    archive = [
      ...Array.from({ length: 12 }, (_, i) =>
        said(`p${i}@example.com/x`, ME, (20 - i) * DAY, `from p${i}`),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        said('amy@example.com/x', ME, (5 - i) * 1000, `a${i}`),
      ),
    ];
    // The link drops after the first page of the scan.
    let scanned = 0;
    session.answerIq((iq) => {
      const q = iq.getChild('query', 'urn:xmpp:mam:2');
      const before = q?.getChild('set', 'http://jabber.org/protocol/rsm')?.getChildText('before');
      if (before && ++scanned === 2) throw new Error('link lost');
      return answer(iq);
    });
    await start({ scan: false });
    await until(() => expect(logs).toContain('conversations not found in the archive'));
    expect((await db.conversations.count()) < 13).toBe(true);
    const looked = scanDone();
    session.goOffline();
    session.goOnline(false);
    await looked();
    await until(async () => expect(await db.conversations.count()).toBe(13));
  });
});

describe('read state of our own archived messages', () => {
  it('uses receipts and displayed markers from the archive, only from the peer it went to', async () => {
    const marker = (id: string, type = 'displayed') =>
      `<${type} xmlns="urn:xmpp:chat-markers:0" id="${id}"/>`;
    archive = [
      said(`${ME}/phone`, 'carol@example.com', 9 * DAY, 'read by carol', 'c1'),
      item('carol@example.com/x', `${ME}/phone`, 9 * DAY - 1000, marker('c1')),
      said(`${ME}/phone`, 'bob@example.com', 8 * DAY, 'got by bob', 'b1'),
      item(
        'bob@example.com/x',
        `${ME}/phone`,
        8 * DAY - 1000,
        '<received xmlns="urn:xmpp:receipts" id="b1"/>',
      ),
      said(`${ME}/phone`, 'erin@example.com', 7 * DAY, 'nothing known', 'e1'),
      // Someone else claims to have read Erin's message: not trusted.
      item('mallory@example.com/x', `${ME}/phone`, 7 * DAY - 1000, marker('e1')),
      said('mallory@example.com/x', ME, 7 * DAY - 500, 'hi'),
      // The newest page: Amy's, with her marker on our last message.
      said(`${ME}/phone`, 'amy@example.com', 60_000, 'to amy', 'm1'),
      ...Array.from({ length: 3 }, (_, i) => said('amy@example.com/x', ME, 50_000 - i, `amy ${i}`)),
      item('amy@example.com/x', `${ME}/phone`, 1000, marker('m1')),
    ];
    await start();
    const state = async (body: string) =>
      (await db.messages.filter((m) => m.body === body).first())?.state;
    expect(await state('to amy')).toBe('displayed');
    expect(await state('read by carol')).toBe('displayed');
    expect(await state('got by bob')).toBe('delivered');
    expect(await state('nothing known')).toBe('sent');
  });

  it('older history below a message the peer displayed is displayed too', async () => {
    archive = [
      said(`${ME}/phone`, 'amy@example.com', 3 * DAY, 'old one', 'o1'),
      said('amy@example.com/x', ME, 3 * DAY - 10_000, 'reply'),
      ...Array.from({ length: 4 }, (_, i) =>
        said(`${ME}/phone`, 'amy@example.com', 60_000 - i * 1000, `new ${i}`, `n${i}`),
      ),
      item(
        'amy@example.com/x',
        `${ME}/phone`,
        1000,
        '<displayed xmlns="urn:xmpp:chat-markers:0" id="n3"/>',
      ),
    ];
    await start();
    expect((await db.messages.filter((m) => m.body === 'new 3').first())?.state).toBe('displayed');
    await addTask(db, { kind: 'loadOlder', peer: 'amy@example.com' });
    await until(async () =>
      expect((await db.messages.filter((m) => m.body === 'old one').first())?.state).toBe(
        'displayed',
      ),
    );
  });
});
