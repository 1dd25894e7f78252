// dev/customers.mjs (the shop backend's customer desk) against the real Prosody and ejabberd
// that dev/prosody.mjs and dev/ejabberd.mjs configure: what a shop's backend vouches for, and
// what nobody else can do (the shop's backend included, outside its customers' host).
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBot } from '../test-support/bot.ts';
import { customerJid, DeskError, startCustomerDesk } from './customers.mjs';
import { ejabberdInstalled, startEjabberd } from './ejabberd.mjs';
import { onPath, startProsody } from './prosody.mjs';

const SERVERS = [
  { name: 'Prosody', start: startProsody, installed: onPath('prosody') && onPath('prosodyctl') },
  {
    name: 'ejabberd',
    start: startEjabberd,
    installed: ejabberdInstalled(),
  },
];

/** An in-band registration (XEP-0077) on a fresh stream to `host`; resolves with the answer. */
function tryRegister(port, host, username, password) {
  return new Promise((done, fail) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error(`no answer to the registration: ${got}`));
    }, 10_000);
    socket.on('data', (chunk) => {
      got += chunk.toString('utf8');
      if (got.includes('</stream:features>') && !got.includes('id="reg1"')) {
        socket.write(
          `<iq type="set" id="reg1"><query xmlns="jabber:iq:register"><username>${username}</username><password>${password}</password></query></iq>`,
        );
        got += ' id="reg1" sent ';
      }
      const answer =
        /<iq[^>]*id=["']reg1["'][^>]*>[\s\S]*?<\/iq>|<iq[^>]*id=["']reg1["'][^>]*\/>/.exec(got);
      if (answer) {
        clearTimeout(timer);
        socket.destroy();
        done(answer[0]);
      }
    });
    socket.on('error', fail);
    socket.write(
      `<?xml version='1.0'?><stream:stream to="${host}" xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams" version="1.0">`,
    );
  });
}

describe.each(SERVERS)('the customer desk on $name', ({ start, installed }) => {
  if (!installed && !process.env.CI) return;
  let dataDir;
  let prosody;
  let desk;
  let clock = 1_000_000;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-desk-test-'));
    prosody = await start({ dataDir });
    await prosody.register('shop', 'shop-secret', prosody.customersHost);
    await prosody.register('guest-abc', 'guest-pass');
    // The bot sets up a WebSocket for Node first; the desk then uses the same endpoint.
    const warm = await connectBot({
      service: prosody.websocketUrl,
      domain: 'localhost',
      username: 'guest-abc',
      password: 'guest-pass',
    });
    await warm.stop();
    desk = await startCustomerDesk({
      service: prosody.websocketUrl,
      host: prosody.customersHost,
      password: 'shop-secret',
      ttlMs: 60_000,
      now: () => clock,
    });
  }, 30_000);
  afterAll(async () => {
    await desk?.stop();
    await prosody?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const signIn = (jid, password) =>
    connectBot({
      service: prosody.websocketUrl,
      domain: jid.split('@')[1],
      username: jid.split('@')[0],
      password,
      presence: false,
    });

  it('makes the account on first use, answers the same password while young, a new one after', async () => {
    const first = await desk.credential('1042');
    expect(first.jid).toBe('customer-1042@customers.localhost');
    const again = await desk.credential('1042');
    expect(again.password).toBe(first.password);
    const ann = await signIn(first.jid, first.password);
    expect(ann.jid.startsWith('customer-1042@customers.localhost/')).toBe(true);
    await ann.stop();

    clock += 61_000;
    const next = await desk.credential('1042');
    expect(next.password).not.toBe(first.password);
    await expect(signIn(first.jid, first.password)).rejects.toThrow(/not-authorized/);
    const back = await signIn(next.jid, next.password);
    await back.stop();
  }, 30_000);

  it('lets customers and the public host upload files (XEP-0363)', async () => {
    const c = await desk.credential('3001');
    const customer = await signIn(c.jid, c.password);
    const guest = await connectBot({
      service: prosody.websocketUrl,
      domain: 'localhost',
      username: 'guest-abc',
      password: 'guest-pass',
    });
    for (const who of [customer, guest]) {
      const slot = await who.xmpp.iqCaller.request(
        xml(
          'iq',
          { type: 'get', to: prosody.uploadHost },
          xml('request', {
            xmlns: 'urn:xmpp:http:upload:0',
            filename: 'note.txt',
            size: '3',
            'content-type': 'text/plain',
          }),
        ),
      );
      expect(slot.getChild('slot')?.getChild('put')?.attrs.url).toMatch(/^http/);
    }
    await customer.stop();
    await guest.stop();
  }, 30_000);

  it('refuses ids that are not a plain local part', async () => {
    expect(customerJid('AB-12', 'h')).toBe('customer-ab-12@h');
    for (const bad of ['', 'a@b', 'x/y', 'a b', '-x', 'a'.repeat(65)]) {
      await expect(desk.credential(bad)).rejects.toThrow(DeskError);
    }
  });

  it('lets nobody register on the customers host, and no guest make a room on its service', async () => {
    const answer = await tryRegister(
      prosody.c2sPort,
      prosody.customersHost,
      'customer-2077',
      'mine-now',
    );
    expect(answer).toMatch(/type=["']error["']/);
    await expect(signIn('customer-2077@customers.localhost', 'mine-now')).rejects.toThrow(
      /not-authorized/,
    );

    const guest = await connectBot({
      service: prosody.websocketUrl,
      domain: 'localhost',
      username: 'guest-abc',
      password: 'guest-pass',
    });
    const room = `customer-1042@conference.${prosody.customersHost}`;
    const refused = new Promise((done) => {
      guest.xmpp.on('stanza', (s) => {
        if (s.is('presence') && s.attrs.type === 'error' && s.attrs.from?.startsWith(room))
          done(s.getChild('error')?.children.find((c) => c.name !== 'text')?.name);
      });
    });
    await guest.xmpp.send(
      xml(
        'presence',
        { to: `${room}/guest` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    // Prosody says not-allowed, ejabberd forbidden.
    expect(['not-allowed', 'forbidden']).toContain(await refused);
    await guest.stop();
  }, 30_000);

  it("gives the shop's backend no power over the public host's accounts", async () => {
    const shop = await connectBot({
      service: prosody.websocketUrl,
      domain: prosody.customersHost,
      username: 'shop',
      password: 'shop-secret',
      presence: false,
    });
    const ADMIN = 'http://jabber.org/protocol/admin';
    const COMMANDS = 'http://jabber.org/protocol/commands';
    const node = `${ADMIN}#change-user-password`;
    // The two steps of the command, sent to the public host: refused at the first or the last.
    const attempt = async () => {
      const first = await shop.xmpp.iqCaller.request(
        xml('iq', { type: 'set', to: 'localhost' }, xml('command', { xmlns: COMMANDS, node })),
      );
      const sessionid = first.getChild('command', COMMANDS)?.attrs.sessionid;
      const done = await shop.xmpp.iqCaller.request(
        xml(
          'iq',
          { type: 'set', to: 'localhost' },
          xml(
            'command',
            { xmlns: COMMANDS, node, sessionid, action: 'complete' },
            xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, [
              xml('field', { var: 'FORM_TYPE' }, xml('value', {}, ADMIN)),
              xml('field', { var: 'accountjid' }, xml('value', {}, 'guest-abc@localhost')),
              xml('field', { var: 'password' }, xml('value', {}, 'taken')),
            ]),
          ),
        ),
      );
      return done.getChild('command', COMMANDS)?.getChild('note')?.attrs.type ?? 'completed';
    };
    const outcome = await attempt().catch((err) => `refused: ${err.condition}`);
    expect(outcome).toMatch(/^refused|^error$/);
    await shop.stop();
    // The guest's own password still works; the one the shop tried does not.
    const guest = await signIn('guest-abc@localhost', 'guest-pass');
    await guest.stop();
    await expect(signIn('guest-abc@localhost', 'taken')).rejects.toThrow(/not-authorized/);
  }, 30_000);
});
