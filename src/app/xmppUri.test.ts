import { describe, expect, it } from 'vitest';
import { parseXmppUri } from './xmppUri';

const target = (uri: string) => {
  const r = parseXmppUri(uri);
  return r.ok ? r.target : r.reason;
};

describe('parseXmppUri', () => {
  it('opens the chat with a plain address', () => {
    expect(target('xmpp:alice@example.com')).toEqual({ action: 'chat', jid: 'alice@example.com' });
  });

  it('prefills the body of ?message, percent-decoded (a + stays a +)', () => {
    expect(target('xmpp:alice@example.com?message;body=Hello%20there%3B%20a+b%26c')).toEqual({
      action: 'chat',
      jid: 'alice@example.com',
      body: 'Hello there; a+b&c',
    });
    expect(target('xmpp:alice@example.com?message;subject=Hi;body=%E4%BD%A0%E5%A5%BD')).toEqual({
      action: 'chat',
      jid: 'alice@example.com',
      body: '你好',
    });
  });

  it('?message without a body opens the chat with nothing prefilled', () => {
    expect(target('xmpp:alice@example.com?message')).toEqual({
      action: 'chat',
      jid: 'alice@example.com',
    });
  });

  it('?join opens the room to join, without its nick or password', () => {
    expect(target('xmpp:lounge@conference.example.com/nick?join;password=x')).toEqual({
      action: 'join',
      room: 'lounge@conference.example.com',
    });
  });

  it('decodes a percent-encoded address and lowercases it; drops a resource', () => {
    expect(target('xmpp:Alice%40Example.com/phone')).toEqual({
      action: 'chat',
      jid: 'alice@example.com',
    });
  });

  it('ignores an account authority and a fragment', () => {
    expect(target('xmpp://me@example.com/bob@example.com?message;body=x#frag')).toEqual({
      action: 'chat',
      jid: 'bob@example.com',
      body: 'x',
    });
  });

  it('treats an unknown query type as a plain address (RFC 5122 §2.5)', () => {
    expect(target('xmpp:bob@example.com?roster;name=Bob')).toEqual({
      action: 'chat',
      jid: 'bob@example.com',
    });
    expect(target('xmpp:bob@example.com?frobnicate')).toEqual({
      action: 'chat',
      jid: 'bob@example.com',
    });
  });

  it('refuses what is not a usable address or URI', () => {
    for (const bad of [
      'http://example.com',
      'xmpp:',
      'xmpp:example.com',
      'xmpp:@example.com',
      'xmpp:a@b@example.com',
      'xmpp:a b@example.com',
      'xmpp:a%ZZ@example.com',
      'xmpp:a%0A@example.com',
      'xmpp:<script>@example.com',
      'xmpp:alice@example.com?message;body=%E4',
      `xmpp:alice@example.com?message;body=${'x'.repeat(10_001)}`,
      'xmpp://me@example.com',
    ])
      expect(parseXmppUri(bad).ok, bad).toBe(false);
  });
});
