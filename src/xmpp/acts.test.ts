// Fixtures for the XEPs that act on a message: 0308 corrections, 0424 retractions (current and
// pre-0.4 forms), 0444 reactions, 0461 replies with their 0428 fallback.
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildActMessage, buildChatMessage, parseMessage } from './message';
import { buildReactionsChildren, MAX_REACTIONS } from './reactions';
import { quoteOf } from './reply';
import { buildRetractChildren } from './retraction';

const m = (inner: string) =>
  parseMessage(
    parse(
      `<message xmlns='jabber:client' type='chat' from='bob@x.lit/a' id='c1'>${inner}</message>`,
    ),
  );

describe('message acts', () => {
  it('reads a correction: the body is the new text', () => {
    const msg = m(
      `<body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='orig-1'/><origin-id xmlns='urn:xmpp:sid:0' id='c1'/>`,
    );
    expect(msg?.act).toEqual({ kind: 'correct', id: 'orig-1' });
    expect(msg?.body).toBe('fixed');
  });

  it('reads a retraction in both forms, without its fallback body', () => {
    const now = m(
      `<retract xmlns='urn:xmpp:message-retract:1' id='orig-2'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/><body>This person attempted to retract</body>`,
    );
    expect(now?.act).toEqual({ kind: 'retract', id: 'orig-2' });
    expect(now?.body).toBeUndefined();
    const old = m(
      `<apply-to xmlns='urn:xmpp:fasten:0' id='orig-3'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>`,
    );
    expect(old?.act).toEqual({ kind: 'retract', id: 'orig-3' });
  });

  it('reads reactions, dropping blanks, repeats, oversized ones and any past the limit', () => {
    const many = Array.from({ length: MAX_REACTIONS + 5 }, (_, i) => `<reaction>e${i}</reaction>`);
    const msg = m(
      `<reactions xmlns='urn:xmpp:reactions:0' id='orig-4'><reaction>👍</reaction><reaction> </reaction><reaction>👍</reaction><reaction>${'x'.repeat(40)}</reaction>${many.join('')}</reactions>`,
    );
    expect(msg?.act?.kind).toBe('react');
    const emojis = msg?.act?.kind === 'react' ? msg.act.emojis : [];
    expect(emojis[0]).toBe('👍');
    expect(emojis).toHaveLength(MAX_REACTIONS);
    expect(m(`<reactions xmlns='urn:xmpp:reactions:0' id='o'/>`)?.act).toEqual({
      kind: 'react',
      id: 'o',
      emojis: [],
    });
  });

  it('reads a reply and leaves out the quote marked as fallback (code points, not UTF-16)', () => {
    const quote = '> 🐱 Ann: hi\n';
    const msg = m(
      `<body>${quote}hello back</body><reply xmlns='urn:xmpp:reply:0' to='ann@x.lit' id='orig-5'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='${Array.from(quote).length}'/></fallback>`,
    );
    expect(msg?.reply).toEqual({ id: 'orig-5', to: 'ann@x.lit' });
    expect(msg?.body).toBe('hello back');
  });

  it('keeps a reply body whole when no fallback is marked', () => {
    const msg = m(`<body>&gt; quoted\nmine</body><reply xmlns='urn:xmpp:reply:0' id='o'/>`);
    expect(msg?.body).toBe('> quoted\nmine');
  });

  it('builds a correction, a reply, a retraction and reactions that read back the same', () => {
    const correction = buildChatMessage({ to: 'bob@x.lit', id: 'c9', body: 'new', replace: 'o9' });
    expect(parseMessage(correction)?.act).toEqual({ kind: 'correct', id: 'o9' });
    const reply = buildChatMessage({
      to: 'bob@x.lit',
      id: 'r1',
      body: 'yes',
      reply: { to: { id: 'o1', to: 'bob@x.lit' }, quote: quoteOf('bob', 'are you in?') },
    });
    expect(reply.getChildText('body')).toBe('> bob: are you in?\nyes');
    const back = parseMessage(reply);
    expect(back?.body).toBe('yes');
    expect(back?.reply).toEqual({ id: 'o1', to: 'bob@x.lit' });
    const retract = buildActMessage({
      to: 'room@muc.x.lit',
      id: 'x1',
      toKind: 'groupchat',
      children: buildRetractChildren('sid-1', 'deleted'),
    });
    expect(retract.attrs['type']).toBe('groupchat');
    expect(parseMessage(retract)?.act).toEqual({ kind: 'retract', id: 'sid-1' });
    expect(retract.getChild('store', 'urn:xmpp:hints')).toBeDefined();
    const react = buildActMessage({
      to: 'bob@x.lit',
      id: 'x2',
      children: buildReactionsChildren('o1', ['👍', '❤️']),
    });
    expect(parseMessage(react)?.act).toEqual({ kind: 'react', id: 'o1', emojis: ['👍', '❤️'] });
  });
});
