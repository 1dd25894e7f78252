import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildChatState, parseChatState } from './chatStates';
import { attr } from './stanza';

const CS = 'http://jabber.org/protocol/chatstates';

describe('parseChatState', () => {
  it('reads each XEP-0085 state', () => {
    for (const s of ['active', 'composing', 'paused', 'inactive', 'gone']) {
      expect(parseChatState(parse(`<message><${s} xmlns='${CS}'/></message>`))).toBe(s);
    }
  });
  it('ignores unknown states and states outside the namespace', () => {
    expect(parseChatState(parse(`<message><yelling xmlns='${CS}'/></message>`))).toBeUndefined();
    expect(parseChatState(parse(`<message><composing/></message>`))).toBeUndefined();
    expect(
      parseChatState(parse(`<message><constructor xmlns='${CS}'/></message>`)),
    ).toBeUndefined();
  });
  it('takes the first known state when several are sent', () => {
    const el = parse(
      `<message><bogus xmlns='${CS}'/><paused xmlns='${CS}'/><active xmlns='${CS}'/></message>`,
    );
    expect(parseChatState(el)).toBe('paused');
  });
});

describe('buildChatState', () => {
  it('is a chat message with only the state and a no-store hint', () => {
    const el = buildChatState({ to: 'romeo@montague.lit', state: 'composing' });
    expect(el.attrs).toMatchObject({ type: 'chat', to: 'romeo@montague.lit' });
    expect(attr(el, 'id')).toBeTruthy();
    expect(el.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns')}`)).toEqual([
      `composing ${CS}`,
      'no-store urn:xmpp:hints',
    ]);
    expect(el.getChild('body')).toBeUndefined();
  });
});
