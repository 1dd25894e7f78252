// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { AccountDb } from '../db';
import { FakeSession, parseXml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { sessionReady } from './testing';

let engine: Engine | undefined;
afterEach(() => engine?.stop());

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('client state indication (XEP-0352)', () => {
  it('tells the server when the page is hidden and shown, if it supports CSI', async () => {
    const session = new FakeSession('me@example.com/p');
    session.features = parseXml(
      "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><csi xmlns='urn:xmpp:csi:0'/></stream:features>",
    );
    const db = new AccountDb(`csi-${crypto.randomUUID()}`);
    const ready = sessionReady();
    engine = startEngine({ db, session, account: 'me@example.com', log: () => {} });
    await ready();
    session.sent = [];
    setHidden(true);
    setHidden(false);
    const csi = session.sent
      .filter((e) => e.attrs['xmlns'] === 'urn:xmpp:csi:0')
      .map((e) => e.name);
    expect(csi).toEqual(['inactive', 'active']);
  });

  it('sends nothing to a server without CSI', async () => {
    const session = new FakeSession('me@example.com/p');
    const db = new AccountDb(`csi-${crypto.randomUUID()}`);
    const ready = sessionReady();
    engine = startEngine({ db, session, account: 'me@example.com', log: () => {} });
    await ready();
    session.sent = [];
    setHidden(true);
    expect(session.sent).toHaveLength(0);
  });
});
