// @vitest-environment jsdom
// The upload runner against a fake XMPP server (disco, slots) and MSW for the HTTP PUT.
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, deleteUnsent, getMedia, queueUpload, requeueMessage } from '../../db';
import { FakeSession, parseXml } from '../../xmpp/fake';
import { type Engine, startEngine } from '..';
import { sessionReady } from '../testing';
import { MAX_UPLOAD_TRIES } from './runner';

// One Blob class, as in a browser: Node's, which MSW reads intact from jsdom's XHR and which
// Dexie keeps as a Blob when it copies a row (it knows the global Blob of when it loaded).
vi.hoisted(async () => {
  const { Blob: NodeBlob } = await import('node:buffer');
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});

const ME = 'me@example.com';
const UPLOAD = 'upload.example.com';
const LIMIT = 1_000_000;

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
let slotAnswer: (iq: ReturnType<typeof parseXml>) => string;
let putStatus: number[]; // answers for the next PUTs, then 201
let puts: Array<{ url: string; auth: string | null; type: string | null; bytes: number }>;
let slots = 0;

const server = setupServer(
  http.put('https://upload.example.com/put/:n', async ({ request }) => {
    const body = await request.arrayBuffer();
    puts.push({
      url: request.url,
      auth: request.headers.get('authorization'),
      type: request.headers.get('content-type'),
      bytes: body.byteLength,
    });
    const status = putStatus.shift() ?? 201;
    if (status === 0) return HttpResponse.error();
    if (status === -1) {
      await delay('infinite');
    }
    return new HttpResponse(null, { status });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function until(check: () => Promise<boolean> | boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function okSlot(iq: ReturnType<typeof parseXml>) {
  slots += 1;
  return `<iq type="result" id="${iq.attrs['id']}" from="${UPLOAD}"><slot xmlns="urn:xmpp:http:upload:0">
    <put url="https://upload.example.com/put/${slots}"><header name="Authorization">Bearer t${slots}</header><header name="X-Evil">no</header></put>
    <get url="https://upload.example.com/get/${slots}/photo.png"/></slot></iq>`;
}

function answer(iq: ReturnType<typeof parseXml>) {
  const id = iq.attrs['id'];
  const to = iq.attrs['to'];
  if (iq.getChild('query', 'http://jabber.org/protocol/disco#items'))
    return parseXml(
      `<iq type="result" id="${id}"><query xmlns="http://jabber.org/protocol/disco#items"><item jid="${UPLOAD}"/><item jid="conference.example.com"/></query></iq>`,
    );
  if (iq.getChild('query', 'http://jabber.org/protocol/disco#info')) {
    if (to !== UPLOAD)
      return parseXml(
        `<iq type="result" id="${id}"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="server" type="im"/></query></iq>`,
      );
    return parseXml(`<iq type="result" id="${id}"><query xmlns="http://jabber.org/protocol/disco#info">
      <identity category="store" type="file"/><feature var="urn:xmpp:http:upload:0"/>
      <x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:http:upload:0</value></field>
      <field var="max-file-size"><value>${LIMIT}</value></field></x></query></iq>`);
  }
  if (iq.getChild('request', 'urn:xmpp:http:upload:0')) return parseXml(slotAnswer(iq));
  if (iq.getChild('query', 'jabber:iq:roster'))
    return parseXml(`<iq type="result" id="${id}"><query xmlns="jabber:iq:roster"/></iq>`);
  return parseXml(`<iq type="result" id="${id}"/>`);
}

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  session.answerIq(answer);
  slotAnswer = okSlot;
  putStatus = [];
  puts = [];
  slots = 0;
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  server.resetHandlers();
  db.close();
});

function start(target = session) {
  engine = startEngine({
    db,
    session: target,
    account: ME,
    log: () => {},
    connectivity: { reconnectMaxMs: 50, keepaliveMs: 1000, keepaliveTimeoutMs: 500 },
    uploads: { backoffMs: 5 },
  });
}

const picture = (size = 5000) => new Blob([new Uint8Array(size).fill(3)], { type: 'image/png' });

async function queuePicture(id = 'm1', blob = picture(), caption?: string) {
  await queueUpload(
    db,
    {
      id,
      peer: 'bob@example.com',
      direction: 'out',
      body: '',
      at: Date.now(),
      state: 'queued',
      originId: id,
      file: { kind: 'image', name: 'photo.png', mediaType: 'image/png', width: 40, height: 30 },
      ...(caption ? { caption } : {}),
    },
    blob,
  );
}

const sentChat = () => session.sent.filter((e) => e.is('message') && e.getChild('body'));
const messageState = async (id = 'm1') => (await db.messages.get(id))?.state;

describe('uploading a file (XEP-0363)', () => {
  it('finds the service, PUTs with only the slot’s allowed headers, then sends URL, OOB and metadata', async () => {
    await queuePicture();
    start();
    await until(() => sentChat().length === 1);
    expect(puts).toEqual([
      {
        url: 'https://upload.example.com/put/1',
        auth: 'Bearer t1',
        type: 'image/png',
        bytes: 5000,
      },
    ]);
    const request = session.sent.find((e) => e.getChild('request', 'urn:xmpp:http:upload:0'));
    expect(request?.attrs['to']).toBe(UPLOAD);
    expect(request?.getChild('request')?.attrs).toMatchObject({
      filename: 'photo.png',
      size: '5000',
      'content-type': 'image/png',
    });
    const msg = sentChat()[0];
    const url = 'https://upload.example.com/get/1/photo.png';
    expect(msg?.getChildText('body')).toBe(url);
    expect(msg?.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(url);
    const meta = msg?.getChild('file', 'urn:xmpp:file:metadata:0');
    expect(meta?.getChildText('name')).toBe('photo.png');
    expect(meta?.getChildText('size')).toBe('5000');
    expect(meta?.getChildText('width')).toBe('40');
    expect(meta?.getChildText('height')).toBe('30');
    // The sender's copy is cached under the URL: never downloaded again.
    expect((await getMedia(db, url))?.size).toBe(5000);
    expect(await db.uploads.count()).toBe(0);
    expect((await db.messages.get('m1'))?.file?.url).toBe(url);
  });

  it('sends a caption as Parley shows it and other clients read it: the URL first, the caption after, and in the OOB desc', async () => {
    await queuePicture('m1', picture(), 'our hotel\nday one');
    start();
    await until(() => sentChat().length === 1);
    const msg = sentChat()[0];
    const url = 'https://upload.example.com/get/1/photo.png';
    expect(msg?.getChildText('body')).toBe(`${url}\nour hotel\nday one`);
    expect(msg?.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(url);
    expect(msg?.getChild('x', 'jabber:x:oob')?.getChildText('desc')).toBe('our hotel\nday one');
    expect((await db.messages.get('m1'))?.caption).toBe('our hotel\nday one');
  });

  it('resumes after a reload that happened mid-upload', async () => {
    putStatus = [-1]; // the first PUT never finishes: the tab closes during it
    await queuePicture();
    start();
    await until(async () => (await db.uploads.get('m1'))?.state === 'uploading');
    engine?.stop();
    engine = undefined;
    db.close();

    // The page loads again: same database, a new session.
    db = new AccountDb(db.account === ME ? ME : db.account);
    await db.open();
    expect((await db.uploads.get('m1'))?.blob.size).toBe(5000);
    const again = new FakeSession(`${ME}/parley`);
    again.answerIq(answer);
    start(again);
    await until(() => again.sent.some((e) => e.is('message') && e.getChild('body')));
    expect(puts).toHaveLength(2);
    expect(puts[1]?.url).toBe('https://upload.example.com/put/2'); // a fresh slot
    expect(await db.uploads.count()).toBe(0);
  });

  it('stops at once for a file over the advertised limit, saying the limit', async () => {
    await queuePicture('m1', picture(LIMIT + 1));
    start();
    await until(async () => (await messageState()) === 'failed');
    expect((await db.messages.get('m1'))?.error).toBe(`upload:too-large:${LIMIT}`);
    expect(session.sent.some((e) => e.getChild('request', 'urn:xmpp:http:upload:0'))).toBe(false);
    expect(puts).toHaveLength(0);
  });

  it('takes the limit from the server’s refusal of the slot', async () => {
    slotAnswer = (iq) =>
      `<iq type="error" id="${iq.attrs['id']}"><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">File too large</text><file-too-large xmlns="urn:xmpp:http:upload:0"><max-file-size>4000</max-file-size></file-too-large></error></iq>`;
    await queuePicture();
    start();
    await until(async () => (await messageState()) === 'failed');
    expect((await db.messages.get('m1'))?.error).toBe('upload:too-large:4000');
    expect(puts).toHaveLength(0);
  });

  it('words a quota refusal', async () => {
    slotAnswer = (iq) =>
      `<iq type="error" id="${iq.attrs['id']}"><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`;
    await queuePicture();
    start();
    await until(async () => (await messageState()) === 'failed');
    expect((await db.messages.get('m1'))?.error).toBe('upload:quota');
  });

  it('fails for good on 413 and 403, keeping the file for Retry', async () => {
    putStatus = [413];
    await queuePicture('m1');
    start();
    await until(async () => (await messageState('m1')) === 'failed');
    expect((await db.messages.get('m1'))?.error).toBe(`upload:too-large:${LIMIT}`);

    putStatus = [403];
    await queuePicture('m2');
    await until(async () => (await messageState('m2')) === 'failed');
    expect((await db.messages.get('m2'))?.error).toBe('upload:refused:403');
    expect(puts).toHaveLength(2);
    expect((await db.uploads.get('m2'))?.blob.size).toBe(5000);
    expect(sentChat()).toHaveLength(0);

    // Retry: the same message uploads again and goes out.
    await requeueMessage(db, 'm2');
    await until(() => sentChat().length === 1);
    expect(sentChat()[0]?.attrs['id']).toBe('m2');
  });

  it('tries again after a network error or a 500, and gives up after repeated 500s', async () => {
    putStatus = [0, 500];
    await queuePicture('m1');
    start();
    await until(() => sentChat().length === 1);
    expect(puts.length).toBeGreaterThanOrEqual(2); // MSW records the errored one too
    expect(sentChat()[0]?.attrs['id']).toBe('m1');

    putStatus = Array(MAX_UPLOAD_TRIES).fill(500);
    await queuePicture('m2');
    await until(async () => (await messageState('m2')) === 'failed');
    expect((await db.messages.get('m2'))?.error).toBe('upload:server:500');
    expect(sentChat()).toHaveLength(1);
  });

  it('cancelling mid-upload aborts the request and sends nothing', async () => {
    putStatus = [-1];
    await queuePicture();
    start();
    await until(async () => (await db.uploads.get('m1'))?.state === 'uploading');
    await deleteUnsent(db, 'm1');
    expect(await db.messages.get('m1')).toBeUndefined();
    expect(await db.uploads.count()).toBe(0);
    expect(sentChat()).toHaveLength(0);
    // The runner is free: the next file goes, and it alone (one at a time: m1 never went).
    await queuePicture('m2');
    await until(() => sentChat().length === 1);
    expect(sentChat().map((e) => e.attrs['id'])).toEqual(['m2']);
  });

  it('waits while offline and uploads once online', async () => {
    const ready = sessionReady();
    start();
    await ready();
    session.nextReconnect = 'fail'; // the server stays out of reach
    session.goOffline(); // the runner is told at once, before the picture is queued
    const tries = session.reconnects;
    await queuePicture();
    // The engine has gone on (another try to reconnect) since the picture was queued.
    await until(() => session.reconnects > tries);
    expect(puts).toHaveLength(0);
    expect(await messageState()).toBe('queued');
    session.nextReconnect = 'resumed';
    session.goOnline(true);
    await until(() => sentChat().length === 1);
  });
});
