import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './message';
import { buildReceipt } from './receipts';
import { attr } from './stanza';

describe('buildReceipt', () => {
  it('acknowledges the message id under a fresh stanza id, with nothing else', () => {
    const el = buildReceipt({ to: 'romeo@montague.lit/orchard', id: 'msg-1' });
    expect(Object.keys(el.attrs)).toEqual(['to', 'id']);
    expect(attr(el, 'to')).toBe('romeo@montague.lit/orchard');
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(el.getChildElements()).toHaveLength(1);
    expect(el.getChild('received', 'urn:xmpp:receipts')?.attrs).toEqual({
      xmlns: 'urn:xmpp:receipts',
      id: 'msg-1',
    });
  });

  it('round-trips to a receipt the peer reads, without a body', () => {
    const sent = buildReceipt({ to: 'romeo@montague.lit', id: 'msg-<1>' });
    const msg = parseMessage(parse(sent.toString()));
    expect(msg?.receiptFor).toBe('msg-<1>');
    expect(msg?.body).toBeUndefined();
    expect(msg?.receiptRequest).toBe(false);
  });
});
