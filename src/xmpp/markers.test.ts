import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildDisplayed } from './markers';
import { parseMessage } from './message';
import { attr } from './stanza';

describe('buildDisplayed', () => {
  it('marks the message displayed under a fresh stanza id, with a store hint and no body', () => {
    const el = buildDisplayed({ to: 'romeo@montague.lit', id: 'msg-1' });
    expect(Object.keys(el.attrs)).toEqual(['to', 'type', 'id']);
    expect(attr(el, 'to')).toBe('romeo@montague.lit');
    expect(attr(el, 'type')).toBe('chat');
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(attr(el, 'id')).not.toBe('msg-1');
    expect(el.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns')}`)).toEqual([
      'displayed urn:xmpp:chat-markers:0',
      'store urn:xmpp:hints',
    ]);
    expect(el.getChild('displayed')?.attrs).toEqual({
      xmlns: 'urn:xmpp:chat-markers:0',
      id: 'msg-1',
    });
    expect(el.getChild('body')).toBeUndefined();
  });

  it('takes a groupchat type for rooms', () => {
    const el = buildDisplayed({ to: 'room@muc.lit', id: 'sid-1', type: 'groupchat' });
    expect(attr(el, 'type')).toBe('groupchat');
  });

  it('makes a new stanza id each time', () => {
    const a = buildDisplayed({ to: 'romeo@montague.lit', id: 'x' });
    const b = buildDisplayed({ to: 'romeo@montague.lit', id: 'x' });
    expect(attr(a, 'id')).not.toBe(attr(b, 'id'));
  });

  it('round-trips to a marker the peer reads, id escaped and all', () => {
    const sent = buildDisplayed({ to: 'romeo@montague.lit', id: `m<1>&'"` });
    const msg = parseMessage(parse(sent.toString()));
    expect(msg?.marker).toEqual({ type: 'displayed', id: `m<1>&'"` });
    expect(msg?.markable).toBe(false);
    expect(msg?.body).toBeUndefined();
    expect(msg?.receiptFor).toBeUndefined();
  });
});
