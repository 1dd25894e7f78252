import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildCsi, supportsCsi } from './csi';

const features = (inner: string) =>
  parse(
    `<stream:features xmlns:stream='http://etherx.jabber.org/streams'>${inner}</stream:features>`,
  );

describe('buildCsi', () => {
  it('makes a bare <active/> or <inactive/> nonza', () => {
    expect(buildCsi('active').toString()).toBe(`<active xmlns="urn:xmpp:csi:0"/>`);
    expect(buildCsi('inactive').toString()).toBe(`<inactive xmlns="urn:xmpp:csi:0"/>`);
    expect(buildCsi('inactive').attrs).toEqual({ xmlns: 'urn:xmpp:csi:0' });
  });
});

describe('supportsCsi', () => {
  it('finds <csi/> among the stream features', () => {
    expect(
      supportsCsi(
        features(`<sm xmlns='urn:xmpp:sm:3'/><csi xmlns='urn:xmpp:csi:0'/>
          <ver xmlns='urn:xmpp:features:rosterver'/>`),
      ),
    ).toBe(true);
  });

  it('is false without it, or with a <csi/> in another namespace or deeper down', () => {
    expect(supportsCsi(features("<sm xmlns='urn:xmpp:sm:3'/>"))).toBe(false);
    expect(supportsCsi(features("<csi xmlns='urn:xmpp:csi:1'/>"))).toBe(false);
    expect(supportsCsi(features('<csi/>'))).toBe(false);
    expect(
      supportsCsi(features("<sm xmlns='urn:xmpp:sm:3'><csi xmlns='urn:xmpp:csi:0'/></sm>")),
    ).toBe(false);
  });

  it('also reads an unprefixed features element (as some framings deliver it)', () => {
    expect(
      supportsCsi(
        parse(
          `<features xmlns='http://etherx.jabber.org/streams'><csi xmlns='urn:xmpp:csi:0'/></features>`,
        ),
      ),
    ).toBe(true);
  });

  it('is false for what is not a features element, without throwing', () => {
    expect(supportsCsi(parse("<message><csi xmlns='urn:xmpp:csi:0'/></message>"))).toBe(false);
    expect(supportsCsi(null)).toBe(false);
    expect(supportsCsi(undefined)).toBe(false);
    expect(supportsCsi({ name: 'stream:features' } as never)).toBe(false);
    expect(supportsCsi('<stream:features/>' as never)).toBe(false);
  });
});
