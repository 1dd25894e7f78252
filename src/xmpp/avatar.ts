// XEP-0084 user avatar: the metadata node says which picture (its SHA-1 is the item id), the
// data node holds it in base64. Pictures from the network are untrusted: the bytes must hash
// to the id, fit the size limit, and be a PNG, JPEG, WebP or GIF by their own first bytes (the
// declared type is not believed). Servers with XEP-0398 (Prosody's mod_vcard_legacy) mirror
// the PEP avatar into vCard-temp and the XEP-0153 presence hash, for vCard-only clients.
import xml, { type Element } from '@xmpp/xml';
import { sha1, toHex } from '../shared/sha1';
import { buildItemsGet, buildPublish, parseItemsResult, parsePepNotification } from './pep';
import { attr } from './stanza';

export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
/** Larger pictures are not fetched; a published one is a few tens of KiB. */
export const MAX_AVATAR_BYTES = 256 * 1024;

export type AvatarType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export interface AvatarInfo {
  id: string; // SHA-1 of the bytes, lower-case hex
  type: string; // as declared; checked again on the bytes
  bytes: number;
  width?: number;
  height?: number;
}

/** A metadata notification: the avatar now set, or null when it was removed. */
export interface AvatarEvent {
  from: string;
  info: AvatarInfo | null;
}

const SHA1_HEX = /^[0-9a-f]{40}$/;

function readInfo(el: Element): AvatarInfo | null {
  const id = attr(el, 'id')?.toLowerCase();
  const bytes = Number(attr(el, 'bytes'));
  if (!id || !SHA1_HEX.test(id) || !Number.isSafeInteger(bytes) || bytes <= 0) return null;
  const info: AvatarInfo = { id, type: attr(el, 'type') ?? '', bytes };
  const w = Number(attr(el, 'width'));
  const h = Number(attr(el, 'height'));
  if (Number.isSafeInteger(w) && w > 0) info.width = w;
  if (Number.isSafeInteger(h) && h > 0) info.height = h;
  return info;
}

/** The avatar of a metadata payload: the first <info/> without a url (the one in the data node). */
function readMetadata(payload: Element | undefined): AvatarInfo | null {
  if (!payload || payload.getNS() !== NS_AVATAR_METADATA || payload.name !== 'metadata')
    return null;
  for (const info of payload.getChildren('info')) {
    if (attr(info, 'url')) continue;
    const read = readInfo(info);
    if (read) return read;
  }
  return null;
}

/** A metadata notification, or null when `el` is none. Never throws. */
export function parseAvatarEvent(el: Element): AvatarEvent | null {
  const n = parsePepNotification(el, NS_AVATAR_METADATA);
  if (!n) return null;
  const item = n.items[0];
  if (!item) return n.retracted.length ? { from: n.from, info: null } : null;
  return { from: n.from, info: readMetadata(item.payload) };
}

/** Ask `jid` for the picture with this id (XEP-0084 §4.2.1). */
export function buildAvatarDataGet(jid: string, id: string): Element {
  return buildItemsGet(jid, NS_AVATAR_DATA, id);
}

/** Ask `jid` for its current metadata (a contact's avatar before any notification). */
export function buildAvatarMetadataGet(jid: string): Element {
  return buildItemsGet(jid, NS_AVATAR_METADATA);
}

export function parseAvatarMetadataResult(iq: Element): AvatarInfo | null {
  return readMetadata(parseItemsResult(iq, NS_AVATAR_METADATA)[0]?.payload);
}

/** What the first bytes say the picture is; null for anything else. */
export function sniffImage(b: Uint8Array): AvatarType | null {
  const at = (i: number) => b[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'image/gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type AvatarData = { bytes: Uint8Array; type: AvatarType };

/** Why a picture was refused, for the log. */
export type AvatarRefusal =
  | 'missing'
  | 'not-base64'
  | 'too-large'
  | 'hash-mismatch'
  | 'not-an-image';

/** The checked picture of a data result, or the reason it was refused. */
export function parseAvatarData(iq: Element, id: string): AvatarData | AvatarRefusal {
  const item = parseItemsResult(iq, NS_AVATAR_DATA).find((i) => i.id?.toLowerCase() === id);
  const payload = item?.payload;
  if (!payload || payload.getNS() !== NS_AVATAR_DATA) return 'missing';
  const text = payload.getText().replace(/\s+/g, '');
  // base64 is 4 characters for 3 bytes: refuse before decoding anything too large.
  if ((text.length / 4) * 3 > MAX_AVATAR_BYTES + 3) return 'too-large';
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return 'not-base64';
  }
  if (bytes.length === 0) return 'missing';
  if (bytes.length > MAX_AVATAR_BYTES) return 'too-large';
  if (toHex(sha1(bytes)) !== id) return 'hash-mismatch';
  const type = sniffImage(bytes);
  return type ? { bytes, type } : 'not-an-image';
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Our picture's id: the SHA-1 of its bytes. */
export function avatarId(bytes: Uint8Array): string {
  return toHex(sha1(bytes));
}

/** Publish our picture's bytes (first) … */
export function buildAvatarDataPublish(bytes: Uint8Array): Element {
  return buildPublish(
    NS_AVATAR_DATA,
    avatarId(bytes),
    xml('data', { xmlns: NS_AVATAR_DATA }, base64(bytes)),
  );
}

/** … then the metadata that points at them, which is what contacts are notified of; null removes. */
export function buildAvatarMetadataPublish(info: AvatarInfo | null): Element {
  if (!info)
    return buildPublish(
      NS_AVATAR_METADATA,
      'current',
      xml('metadata', { xmlns: NS_AVATAR_METADATA }),
    );
  const attrs: Record<string, string> = { id: info.id, type: info.type, bytes: String(info.bytes) };
  if (info.width) attrs['width'] = String(info.width);
  if (info.height) attrs['height'] = String(info.height);
  return buildPublish(
    NS_AVATAR_METADATA,
    info.id,
    xml('metadata', { xmlns: NS_AVATAR_METADATA }, xml('info', attrs)),
  );
}
