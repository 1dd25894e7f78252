import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildSelfPing, classifySelfPing } from './selfping';
import { attr } from './stanza';

const ROOM = 'characters@chat.shakespeare.lit';
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const error = (cond: string, type = 'cancel', extra = `by='${ROOM}'`) =>
  parse(`<iq xmlns='jabber:client' type='error' id='s2c1' from='${ROOM}/JuliC' to='juliet@capulet.lit/client'>
    <error type='${type}' ${extra}><${cond} xmlns='${STANZAS}'/></error></iq>`);

describe('buildSelfPing', () => {
  it('pings our own occupant JID', () => {
    const el = buildSelfPing(ROOM, 'JuliC');
    expect(el.attrs).toMatchObject({ type: 'get', to: `${ROOM}/JuliC` });
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(el.getChild('ping', 'urn:xmpp:ping')?.attrs).toEqual({ xmlns: 'urn:xmpp:ping' });
    expect(() => buildSelfPing(ROOM, '')).toThrow(RangeError);
    expect(() => buildSelfPing('not a room', 'JuliC')).toThrow(RangeError);
  });
});

describe('classifySelfPing', () => {
  it('is joined for a result (Prosody answers itself)', () => {
    const ok = parse(`<iq xmlns='jabber:client' type='result' id='s2c1' from='${ROOM}/JuliC'/>`);
    expect(classifySelfPing(ok)).toBe('joined');
  });

  it('is joined when one of our clients got the ping and does not do XEP-0199', () => {
    expect(classifySelfPing(error('service-unavailable', 'cancel', ''))).toBe('joined');
    expect(classifySelfPing(error('feature-not-implemented', 'cancel', ''))).toBe('joined');
  });

  it("is not joined for Prosody's not-acceptable", () => {
    const el =
      parse(`<iq type='error' id='s2c1' from='${ROOM}/JuliC'><error type='cancel' by='${ROOM}'>
      <not-acceptable xmlns='${STANZAS}'/>
      <text xmlns='${STANZAS}'>You are not currently connected to this chat</text></error></iq>`);
    expect(classifySelfPing(el)).toBe('not-joined');
  });

  it('is not joined when the room is gone (item-not-found) and for other errors', () => {
    expect(classifySelfPing(error('item-not-found', 'cancel', "by='chat.shakespeare.lit'"))).toBe(
      'not-joined',
    );
    expect(classifySelfPing(error('item-not-found'))).toBe('not-joined');
    expect(classifySelfPing(error('not-allowed'))).toBe('not-joined');
    expect(classifySelfPing(error('bad-request', 'modify'))).toBe('not-joined');
    expect(classifySelfPing(parse("<iq type='error' id='s2c1'/>"))).toBe('not-joined');
  });

  it("is unknown when the room's server cannot be reached, or the error says wait", () => {
    expect(classifySelfPing(error('remote-server-not-found', 'cancel', ''))).toBe('unknown');
    expect(classifySelfPing(error('remote-server-timeout', 'wait', ''))).toBe('unknown');
    expect(classifySelfPing(error('resource-constraint', 'wait'))).toBe('unknown');
  });

  it('is unknown without an answer or for something that is not one', () => {
    expect(classifySelfPing(null)).toBe('unknown');
    expect(classifySelfPing(undefined)).toBe('unknown');
    expect(classifySelfPing(parse("<iq type='get' id='x'/>"))).toBe('unknown');
    expect(classifySelfPing(parse("<message type='error'/>"))).toBe('unknown');
  });
});
