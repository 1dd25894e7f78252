import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildPresence, buildSubscription, buildUnavailable, parsePresence } from './presence';

const p = (inner: string, attrs = "from='romeo@montague.lit/orchard'") =>
  parsePresence(parse(`<presence xmlns='jabber:client' ${attrs}>${inner}</presence>`));

describe('parsePresence', () => {
  it('reads an available presence with show, status, priority and idle', () => {
    expect(
      p(`<show>dnd</show><status>In a meeting</status><priority>5</priority>
        <idle xmlns='urn:xmpp:idle:1' since='1969-07-21T02:56:15Z'/>`),
    ).toEqual({
      kind: 'presence',
      type: 'available',
      from: 'romeo@montague.lit/orchard',
      to: '',
      show: 'dnd',
      status: 'In a meeting',
      priority: 5,
      idleSince: new Date('1969-07-21T02:56:15Z'),
    });
  });

  it('means online with priority 0 when nothing is said', () => {
    expect(p('')).toMatchObject({ type: 'available', show: 'online', priority: 0 });
    expect(p('')?.status).toBeUndefined();
  });

  it('maps an unknown or foreign <show/> to online', () => {
    expect(p('<show>sleeping</show>')?.show).toBe('online');
    expect(p("<show xmlns='urn:evil'>dnd</show>")?.show).toBe('online');
    expect(p('<show> away </show>')?.show).toBe('away');
  });

  it.each(['high', '1.5', '128', '-129', '99999999999', '', '0x10', '1e2'])(
    'takes invalid priority %j as 0',
    (prio) => {
      expect(p(`<priority>${prio}</priority>`)?.priority).toBe(0);
    },
  );

  it('keeps priorities in range, negative included', () => {
    expect(p('<priority>-128</priority>')?.priority).toBe(-128);
    expect(p('<priority> 127 </priority>')?.priority).toBe(127);
  });

  it('caps the status and prefers the one without xml:lang', () => {
    expect(p(`<status>${'s'.repeat(5000)}</status>`)?.status).toHaveLength(1024);
    expect(p("<status xml:lang='de'>Weg</status><status>Away</status>")?.status).toBe('Away');
  });

  it('reads subscription requests with a XEP-0172 nick', () => {
    const sub = p(
      "<nick xmlns='http://jabber.org/protocol/nick'> Romeo </nick>",
      "from='romeo@montague.lit' type='subscribe'",
    );
    expect(sub).toMatchObject({ type: 'subscribe', nick: 'Romeo', from: 'romeo@montague.lit' });
  });

  it('reads every RFC 6121 type and refuses unknown ones', () => {
    for (const type of [
      'unavailable',
      'subscribe',
      'subscribed',
      'unsubscribe',
      'unsubscribed',
      'probe',
    ]) {
      expect(p('', `type='${type}'`)?.type).toBe(type);
    }
    expect(p('', "type='available'")).toBeNull();
    expect(p('', "type='invisible'")).toBeNull();
  });

  it('reads the error of an error presence', () => {
    const err = p(
      "<error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>",
      "from='romeo@montague.lit' type='error'",
    );
    expect(err?.error).toEqual({ type: 'cancel', condition: 'remote-server-not-found' });
  });

  it('ignores an invalid idle stamp', () => {
    expect(p("<idle xmlns='urn:xmpp:idle:1' since='soon'/>")?.idleSince).toBeUndefined();
  });

  it('returns null for garbage without throwing', () => {
    expect(parsePresence(parse('<message/>'))).toBeNull();
    expect(parsePresence(null)).toBeNull();
    expect(p('', "from='not a jid'")).toBeNull();
  });
});

describe('buildPresence', () => {
  it("sends no <show/> for 'online'", () => {
    expect(buildPresence({ show: 'online' }).toString()).toBe('<presence/>');
  });

  it('round-trips show, status, priority and idle', () => {
    const since = new Date('2024-01-01T10:00:00Z');
    const el = buildPresence({
      show: 'away',
      status: 'Back <soon>',
      priority: 10,
      idleSince: since,
    });
    expect(parsePresence(parse(el.toString()))).toMatchObject({
      type: 'available',
      show: 'away',
      status: 'Back <soon>',
      priority: 10,
      idleSince: since,
    });
  });

  it('clamps the priority it sends and drops an invalid idle date', () => {
    expect(buildPresence({ show: 'online', priority: 500 }).getChildText('priority')).toBe('127');
    expect(buildPresence({ show: 'online', priority: -3.7 }).getChildText('priority')).toBe('-3');
    expect(buildPresence({ show: 'online', priority: 0 }).getChildText('priority')).toBe('0');
    const el = buildPresence({ show: 'online', idleSince: new Date(Number.NaN) });
    expect(el.getChild('idle')).toBeUndefined();
  });
});

describe('buildUnavailable', () => {
  it('is a bare unavailable presence', () => {
    expect(buildUnavailable().toString()).toBe('<presence type="unavailable"/>');
  });
});

describe('buildSubscription', () => {
  it('addresses the contact with the type and an optional nick', () => {
    const el = buildSubscription({ to: 'romeo@montague.lit', type: 'subscribe', nick: 'Juliet' });
    expect(el.attrs).toMatchObject({ to: 'romeo@montague.lit', type: 'subscribe' });
    expect(el.getChildText('nick', 'http://jabber.org/protocol/nick')).toBe('Juliet');
    const back = parsePresence(parse(el.toString()));
    expect(back).toMatchObject({ type: 'subscribe', to: 'romeo@montague.lit', nick: 'Juliet' });
  });

  it('sends no nick when none is given', () => {
    const el = buildSubscription({ to: 'romeo@montague.lit', type: 'unsubscribed' });
    expect(el.getChildElements()).toHaveLength(0);
  });
});
