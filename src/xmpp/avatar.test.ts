import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  avatarId,
  buildAvatarDataGet,
  buildAvatarDataPublish,
  buildAvatarMetadataPublish,
  MAX_AVATAR_BYTES,
  parseAvatarData,
  parseAvatarEvent,
  sniffImage,
} from './avatar';

// The smallest PNG there is: a 1×1 transparent pixel.
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  ),
  (c) => c.charCodeAt(0),
);
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

const event = (from: string, inner: string) =>
  parse(
    `<message from="${from}" to="me@localhost/r" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:avatar:metadata">${inner}</items></event></message>`,
  );

const dataResult = (id: string, data: string) =>
  parse(
    `<iq type="result" id="1" from="romeo@localhost"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:avatar:data"><item id="${id}"><data xmlns="urn:xmpp:avatar:data">${data}</data></item></items></pubsub></iq>`,
  );

describe('XEP-0084 metadata notifications', () => {
  it('reads the avatar a contact set', () => {
    const id = avatarId(PNG);
    const e = parseAvatarEvent(
      event(
        'romeo@localhost',
        `<item id="${id}"><metadata xmlns="urn:xmpp:avatar:metadata"><info id="${id}" type="image/png" bytes="${PNG.length}" width="1" height="1"/></metadata></item>`,
      ),
    );
    expect(e).toEqual({
      from: 'romeo@localhost',
      info: { id, type: 'image/png', bytes: PNG.length, width: 1, height: 1 },
    });
  });

  it('reads an empty metadata as "no avatar"', () => {
    const e = parseAvatarEvent(
      event('romeo@localhost', '<item id="x"><metadata xmlns="urn:xmpp:avatar:metadata"/></item>'),
    );
    expect(e).toEqual({ from: 'romeo@localhost', info: null });
  });

  it('skips an info that points elsewhere (url) or has a bad id', () => {
    const e = parseAvatarEvent(
      event(
        'romeo@localhost',
        '<item id="a"><metadata xmlns="urn:xmpp:avatar:metadata"><info id="zz" type="image/png" bytes="3"/><info id="0000000000000000000000000000000000000000" url="https://x/y.png" type="image/png" bytes="3"/></metadata></item>',
      ),
    );
    expect(e?.info).toBeNull();
  });

  it('is not a notification of another node', () => {
    const el = parse(
      '<message from="romeo@localhost"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:bookmarks:1"/></event></message>',
    );
    expect(parseAvatarEvent(el)).toBeNull();
  });
});

describe('XEP-0084 data', () => {
  const id = avatarId(PNG);

  it('asks the contact for the item with the id', () => {
    const iq = buildAvatarDataGet('romeo@localhost', id);
    expect(iq.attrs['to']).toBe('romeo@localhost');
    const items = iq.getChild('pubsub')?.getChild('items');
    expect(items?.attrs['node']).toBe('urn:xmpp:avatar:data');
    expect(items?.getChild('item')?.attrs['id']).toBe(id);
  });

  it('takes a picture whose bytes hash to the id, typed by its own bytes', () => {
    const got = parseAvatarData(dataResult(id, b64(PNG)), id);
    expect(got).toEqual({ bytes: PNG, type: 'image/png' });
  });

  it('refuses bytes that do not hash to the id', () => {
    const other = '0123456789abcdef0123456789abcdef01234567';
    expect(parseAvatarData(dataResult(other, b64(PNG)), other)).toBe('hash-mismatch');
  });

  it('refuses what is not a picture, even with the right hash', () => {
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    const hid = avatarId(html);
    expect(parseAvatarData(dataResult(hid, b64(html)), hid)).toBe('not-an-image');
  });

  it('refuses a picture over the size limit before decoding it', () => {
    const big = 'A'.repeat(Math.ceil((MAX_AVATAR_BYTES * 4) / 3) + 8);
    expect(parseAvatarData(dataResult(id, big), id)).toBe('too-large');
  });

  it('refuses broken base64 and a missing item', () => {
    expect(parseAvatarData(dataResult(id, '!!!not base64'), id)).toBe('not-base64');
    expect(parseAvatarData(dataResult('other', b64(PNG)), id)).toBe('missing');
  });

  it('knows the four picture types by their first bytes', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('<svg'))).toBeNull();
  });
});

describe('publishing our avatar', () => {
  it('publishes the data under its SHA-1, then metadata pointing at it', () => {
    const data = buildAvatarDataPublish(PNG);
    const item = data.getChild('pubsub')?.getChild('publish')?.getChild('item');
    expect(item?.attrs['id']).toBe(avatarId(PNG));
    expect(item?.getChildText('data', 'urn:xmpp:avatar:data')).toBe(b64(PNG));
    const meta = buildAvatarMetadataPublish({
      id: avatarId(PNG),
      type: 'image/png',
      bytes: PNG.length,
      width: 1,
      height: 1,
    });
    const info = meta
      .getChild('pubsub')
      ?.getChild('publish')
      ?.getChild('item')
      ?.getChild('metadata')
      ?.getChild('info');
    expect(info?.attrs).toMatchObject({ id: avatarId(PNG), type: 'image/png', width: '1' });
  });
});
