import xml from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { isElement, newId, parseStanzaError, pickLang } from './stanza';

describe('parseStanzaError', () => {
  it('reads type, defined condition and text', () => {
    const el = parse(`<message type='error' xmlns='jabber:client'>
      <error type='cancel' by='capulet.lit'>
        <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>No such user</text>
        <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
        <app-specific xmlns='urn:example:app'/>
      </error></message>`);
    expect(parseStanzaError(el)).toEqual({
      type: 'cancel',
      condition: 'service-unavailable',
      text: 'No such user',
    });
  });

  it('is undefined when there is no <error/>', () => {
    expect(parseStanzaError(parse('<iq type="error" id="1"/>'))).toBeUndefined();
  });

  it('falls back to cancel / undefined-condition for unknown or missing parts', () => {
    const el = parse(`<iq type='error'><error type='explode'>
      <made-up-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseStanzaError(el)).toEqual({ type: 'cancel', condition: 'undefined-condition' });
    expect(parseStanzaError(parse('<iq type="error"><error/></iq>'))).toEqual({
      type: 'cancel',
      condition: 'undefined-condition',
    });
  });

  it('ignores a condition in a foreign namespace', () => {
    const el = parse(`<iq type='error'><error type='auth'>
      <forbidden xmlns='urn:evil'/><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
      </error></iq>`);
    expect(parseStanzaError(el)?.condition).toBe('not-authorized');
  });

  it('resolves namespace prefixes', () => {
    const el = parse(`<iq type='error' xmlns:s='urn:ietf:params:xml:ns:xmpp-stanzas'>
      <error type='wait'><s:resource-constraint/></error></iq>`);
    expect(parseStanzaError(el)).toEqual({ type: 'wait', condition: 'resource-constraint' });
  });

  it('caps the text', () => {
    const long = 'x'.repeat(5000);
    const el = parse(`<iq type='error'><error type='modify'><bad-request
      xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text
      xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${long}</text></error></iq>`);
    expect(parseStanzaError(el)?.text).toHaveLength(1024);
  });
});

describe('newId', () => {
  it('makes distinct UUIDs', () => {
    const a = newId();
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(newId()).not.toBe(a);
  });
});

describe('isElement', () => {
  it('accepts elements by name and refuses everything else', () => {
    expect(isElement(xml('message'), 'message')).toBe(true);
    expect(isElement(xml('presence'), 'message')).toBe(false);
    expect(isElement(null, 'message')).toBe(false);
    expect(isElement('<message/>', 'message')).toBe(false);
    expect(isElement({ name: 'message' }, 'message')).toBe(false);
  });
});

describe('pickLang', () => {
  it('prefers the version without xml:lang, then the first', () => {
    const el = parse(`<message><body xml:lang='de'>Hallo</body><body>Hi</body></message>`);
    expect(pickLang(el.getChildren('body'), el)?.getText()).toBe('Hi');
    const de = parse(
      `<message><body xml:lang='de'>Hallo</body><body xml:lang='fr'>Salut</body></message>`,
    );
    expect(pickLang(de.getChildren('body'), de)?.getText()).toBe('Hallo');
  });
  it("takes the stanza's own language as the default", () => {
    const el = parse(
      `<message xml:lang='fr'><body xml:lang='de'>Hallo</body><body xml:lang='fr'>Salut</body></message>`,
    );
    expect(pickLang(el.getChildren('body'), el)?.getText()).toBe('Salut');
  });
});
