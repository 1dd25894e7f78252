import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildClosed, buildRating, parseClosed, parseRating } from './support';

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
