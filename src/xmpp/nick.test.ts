import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildNickPublish, MAX_NICK, parseNickEvent } from './nick';

const event = (from: string, inner: string) =>
  parse(
    `<message from="${from}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="http://jabber.org/protocol/nick">${inner}</items></event></message>`,
  );

describe('XEP-0172 nickname over PEP', () => {
  it('reads the nickname a contact published', () => {
    const e = parseNickEvent(
      event(
        'romeo@localhost',
        '<item id="current"><nick xmlns="http://jabber.org/protocol/nick">Romeo M.</nick></item>',
      ),
    );
    expect(e).toEqual({ from: 'romeo@localhost', nick: 'Romeo M.' });
  });

  it('keeps it to one line and a sane length', () => {
    const long = `a\nb${'x'.repeat(200)}`;
    const e = parseNickEvent(
      event(
        'romeo@localhost',
        `<item><nick xmlns="http://jabber.org/protocol/nick">${long}</nick></item>`,
      ),
    );
    expect(e?.nick.startsWith('a b')).toBe(true);
    expect(e?.nick.length).toBeLessThanOrEqual(MAX_NICK);
  });

  it('reads a retraction or an empty item as "no nickname"', () => {
    expect(parseNickEvent(event('romeo@localhost', '<retract id="current"/>'))?.nick).toBe('');
    expect(parseNickEvent(event('romeo@localhost', '<item id="current"/>'))?.nick).toBe('');
  });

  it('publishes ours to the nick node', () => {
    const iq = buildNickPublish('  Juliet ');
    const publish = iq.getChild('pubsub')?.getChild('publish');
    expect(publish?.attrs['node']).toBe('http://jabber.org/protocol/nick');
    expect(publish?.getChild('item')?.getChildText('nick', 'http://jabber.org/protocol/nick')).toBe(
      'Juliet',
    );
  });
});
