import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './message';
import { stanzaIdBy } from './sid';
import type { ChatMessage } from './types';

const msg = (ids: string): ChatMessage => {
  const m = parseMessage(
    parse(`<message xmlns='jabber:client' type='chat' from='romeo@montague.lit/orchard'
      to='juliet@capulet.lit/balcony'><body>hi</body>${ids}</message>`),
  );
  if (!m) throw new Error('fixture did not parse');
  return m;
};

describe('stanzaIdBy', () => {
  const m = msg(`<stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='romeo@montague.lit'/>
    <stanza-id xmlns='urn:xmpp:sid:0' id='ours' by='juliet@capulet.lit'/>
    <stanza-id xmlns='urn:xmpp:sid:0' id='room' by='room@muc.capulet.lit'/>`);

  it('picks the id stamped by the given archive, not the others', () => {
    expect(stanzaIdBy(m, 'juliet@capulet.lit')).toBe('ours');
    expect(stanzaIdBy(m, 'room@muc.capulet.lit')).toBe('room');
    expect(stanzaIdBy(m, 'romeo@montague.lit')).toBe('forged'); // only the caller knows whom to ask
  });

  it('compares bare JIDs, case-insensitively in local and domain', () => {
    expect(stanzaIdBy(m, 'Juliet@Capulet.LIT')).toBe('ours');
    expect(stanzaIdBy(m, 'juliet@capulet.lit/balcony')).toBe('ours');
    expect(
      stanzaIdBy(
        msg(`<stanza-id xmlns='urn:xmpp:sid:0' id='x' by='JULIET@capulet.lit/r'/>`),
        'juliet@capulet.lit',
      ),
    ).toBe('x');
  });

  it('is undefined when nothing matches, or either side is not a JID', () => {
    expect(stanzaIdBy(m, 'nurse@capulet.lit')).toBeUndefined();
    expect(stanzaIdBy(m, 'capulet.lit')).toBeUndefined(); // the domain is not the account
    expect(stanzaIdBy(m, '')).toBeUndefined();
    expect(stanzaIdBy(m, 'not a jid')).toBeUndefined();
    const bad = msg(`<stanza-id xmlns='urn:xmpp:sid:0' id='x' by='bad jid@@capulet.lit'/>`);
    expect(stanzaIdBy(bad, 'bad jid@@capulet.lit')).toBeUndefined();
    expect(stanzaIdBy(msg(''), 'juliet@capulet.lit')).toBeUndefined();
  });

  it('ignores a stanza-id outside the sid namespace', () => {
    const m2 = msg(`<stanza-id id='x' by='juliet@capulet.lit'/>
      <stanza-id xmlns='urn:xmpp:sid:1' id='y' by='juliet@capulet.lit'/>`);
    expect(stanzaIdBy(m2, 'juliet@capulet.lit')).toBeUndefined();
  });

  it('takes the first of several by the same archive', () => {
    const m2 = msg(`<stanza-id xmlns='urn:xmpp:sid:0' id='a' by='juliet@capulet.lit'/>
      <stanza-id xmlns='urn:xmpp:sid:0' id='b' by='juliet@capulet.lit'/>`);
    expect(stanzaIdBy(m2, 'juliet@capulet.lit')).toBe('a');
  });
});
