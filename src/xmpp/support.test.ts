import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildClosed,
  buildHandover,
  buildRating,
  parseClosed,
  parseHandover,
  parseRating,
} from './support';

const msg = (inner: string) => parse(`<message xmlns='jabber:client'>${inner}</message>`);

describe('closing and rating a support conversation', () => {
  it('builds and parses a rating with its comment', () => {
    const el = buildRating({ stars: 4, comment: 'Helpful\nthanks' });
    expect(el.toString()).toBe(
      '<rating xmlns="urn:parley:support:0" stars="4"><comment>Helpful\nthanks</comment></rating>',
    );
    expect(parseRating(msg(el.toString()))).toEqual({ stars: 4, comment: 'Helpful\nthanks' });
    expect(parseRating(msg(buildRating({ stars: 1 }).toString()))).toEqual({ stars: 1 });
  });

  it('reads only 1 to 5 whole stars, and caps the comment', () => {
    for (const stars of ['0', '6', '4.5', '', 'five', '05'])
      expect(
        parseRating(msg(`<rating xmlns='urn:parley:support:0' stars='${stars}'/>`)),
      ).toBeUndefined();
    const long = parseRating(
      msg(
        `<rating xmlns='urn:parley:support:0' stars='3'><comment>${'x'.repeat(5000)}\u0007</comment></rating>`,
      ),
    );
    expect(long?.comment).toHaveLength(1000);
  });

  it('builds and parses a close', () => {
    expect(parseClosed(msg(buildClosed().toString()))).toBe(true);
    expect(parseClosed(msg("<closed xmlns='urn:example'/>"))).toBe(false);
  });
});

describe('a guest handing the conversation to the customer they signed in as', () => {
  it('builds and parses a hand-over to a bare address, lower-cased', () => {
    const el = buildHandover('customer-2077@customers.shop.example');
    expect(el.toString()).toBe(
      '<handover xmlns="urn:parley:support:0" to="customer-2077@customers.shop.example"/>',
    );
    expect(parseHandover(msg(el.toString()))).toBe('customer-2077@customers.shop.example');
    expect(
      parseHandover(
        msg("<handover xmlns='urn:parley:support:0' to='Customer-2077@Shop.Example'/>"),
      ),
    ).toBe('customer-2077@shop.example');
  });

  it('reads no hand-over to a full address, a domain, garbage or another namespace', () => {
    for (const inner of [
      "<handover xmlns='urn:parley:support:0' to='customer-2077@shop.example/web'/>",
      "<handover xmlns='urn:parley:support:0' to='shop.example'/>",
      "<handover xmlns='urn:parley:support:0' to='&lt;script&gt;@@'/>",
      "<handover xmlns='urn:parley:support:0'/>",
      "<handover xmlns='urn:example:other' to='customer-2077@shop.example'/>",
    ])
      expect(parseHandover(msg(inner))).toBeUndefined();
  });
});
