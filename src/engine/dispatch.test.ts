import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb } from '../db';
import * as xmpp from '../xmpp';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { sessionReady, until } from './testing';

// Every parse of an incoming stanza is counted: the engine parses each one once, at the door.
vi.mock('../xmpp', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../xmpp')>();
  return { ...actual, parseIncoming: vi.fn(actual.parseIncoming) };
});

const ME = 'me@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine;
const logs: string[] = [];
const parsesOf = (el: object) =>
  vi.mocked(xmpp.parseIncoming).mock.calls.filter(([parsed]) => parsed === el).length;

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  session.answerIq(async (iq) =>
    iq.getChild('query', 'jabber:iq:roster')
      ? parseXml(
          `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster" ver="v1"/></iq>`,
        )
      : xml('iq', { type: 'result', id: iq.attrs['id'] }),
  );
  logs.length = 0;
  const ready = sessionReady();
  engine = startEngine({ db, session, account: ME, log: (m) => logs.push(m) });
  await ready();
});

afterEach(() => {
  engine.stop();
  db.close();
});

describe('a roster push, parsed once at the door', () => {
  it('is stored and answered with a result, from one parse', async () => {
    const push = parseXml(
      '<iq type="set" id="p1"><query xmlns="jabber:iq:roster" ver="v2"><item jid="carol@example.com" name="Carol" subscription="to"/></query></iq>',
    );
    expect(await session.injectIq(push)).toBe('result');
    await until(async () =>
      expect(await db.contacts.get('carol@example.com')).toMatchObject({
        name: 'Carol',
        subscription: 'to',
      }),
    );
    expect(await db.meta.get('rosterVer')).toBe('v2');
    expect(parsesOf(push)).toBe(1);
  });

  it('refuses a forged one (forbidden), from one parse, and stores nothing', async () => {
    const forged = parseXml(
      '<iq type="set" id="p2" from="mallory@evil.example/x"><query xmlns="jabber:iq:roster"><item jid="evil@evil.example" subscription="both"/></query></iq>',
    );
    expect(await session.injectIq(forged)).toBe('error');
    expect(parsesOf(forged)).toBe(1);
    expect(logs).toContain('roster push refused');
    expect(await db.contacts.get('evil@evil.example')).toBeUndefined();
  });
});
