import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildPing } from './ping';
import { attr } from './stanza';

describe('buildPing', () => {
  it('pings our own server when no address is given', () => {
    const el = buildPing();
    expect(el.name).toBe('iq');
    expect(attr(el, 'type')).toBe('get');
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(attr(el, 'to')).toBeUndefined();
    expect(el.toString()).not.toContain('to=');
    expect(el.getChildElements()).toHaveLength(1);
    expect(el.getChild('ping', 'urn:xmpp:ping')?.attrs).toEqual({ xmlns: 'urn:xmpp:ping' });
  });

  it('pings the given address, under a fresh id each time', () => {
    const a = buildPing('capulet.lit');
    const b = buildPing('capulet.lit');
    expect(attr(a, 'to')).toBe('capulet.lit');
    expect(attr(a, 'id')).not.toBe(attr(b, 'id'));
    const back = parse(a.toString());
    expect(back.getChild('ping', 'urn:xmpp:ping')).toBeDefined();
    expect(attr(back, 'to')).toBe('capulet.lit');
  });
});
