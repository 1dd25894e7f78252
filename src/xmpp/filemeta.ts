// XEP-0446 file metadata element (0.2.0): what a shared file is, before anyone fetches it.
import xml, { type Element } from '@xmpp/xml';
import { shortText } from './stanza';
import { xmlText } from './text';
import type { FileMeta } from './types';

export const NS_FILE_METADATA = 'urn:xmpp:file:metadata:0';

export const MAX_FILE_NAME = 255; // characters (UTF-16 units) kept of a file name

// RFC 6838 §4.2 restricted names: type/subtype, each 1-127 characters.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** A non-negative integer for the wire, or undefined for NaN, Infinity or a negative. */
function wireInt(n: number | undefined): string | undefined {
  if (n === undefined || !Number.isFinite(n) || n < 0) return undefined;
  const r = Math.round(n);
  return Number.isSafeInteger(r) ? String(r) : undefined;
}

/**
 * `<file xmlns='urn:xmpp:file:metadata:0'/>` with only the given fields, in the order
 * media-type, name, size, width, height, length. Numbers are rounded to integers; a negative
 * or non-finite number, an empty name or media type is left out. `duration` (seconds) goes
 * out as <length/> in milliseconds.
 */
export function buildFileMeta(meta: FileMeta): Element {
  const el = (name: string, value: string | undefined) =>
    value ? xml(name, {}, xmlText(value)) : undefined;
  const { duration } = meta;
  return xml(
    'file',
    { xmlns: NS_FILE_METADATA },
    el('media-type', meta.mediaType),
    el('name', meta.name),
    el('size', wireInt(meta.size)),
    el('width', wireInt(meta.width)),
    el('height', wireInt(meta.height)),
    el('length', wireInt(duration === undefined ? undefined : duration * 1000)),
  );
}

/** Digits only (surrounding whitespace allowed), as a safe integer; else undefined. */
function readInt(s: string | null | undefined): number | undefined {
  const t = s?.trim();
  if (!t || !/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `type/subtype` lowercased, parameters (`; charset=...`) dropped; else undefined. */
function readMediaType(s: string | null | undefined): string | undefined {
  const essence = s?.split(';', 1)[0]?.trim();
  return essence && MEDIA_TYPE.test(essence) ? essence.toLowerCase() : undefined;
}

/**
 * File metadata from a <file xmlns='urn:xmpp:file:metadata:0'/>, or from the first such child
 * of `el` (a <message/>). Fields that do not read (a negative or fractional number, a media
 * type that is not type/subtype) are left out; the name is trimmed and cut at MAX_FILE_NAME.
 * 0.1's <dimensions>WxH</dimensions> is read when <width/> and <height/> are both absent.
 * Undefined when there is no such element or nothing in it reads. Never throws.
 */
export function parseFileMeta(el: Element | null | undefined): FileMeta | undefined {
  if (typeof el?.getChild !== 'function' || typeof el.is !== 'function') return undefined;
  const file = el.is('file', NS_FILE_METADATA) ? el : el.getChild('file', NS_FILE_METADATA);
  if (!file) return undefined;
  const text = (name: string) => file.getChildText(name, NS_FILE_METADATA);
  const meta: FileMeta = {};
  const mediaType = readMediaType(text('media-type'));
  if (mediaType) meta.mediaType = mediaType;
  const name = shortText(text('name'), MAX_FILE_NAME);
  if (name) meta.name = name;
  const size = readInt(text('size'));
  if (size !== undefined) meta.size = size;
  let width = readInt(text('width'));
  let height = readInt(text('height'));
  const dims = /^\s*(\d+)x(\d+)\s*$/.exec(text('dimensions') ?? '');
  if (dims && width === undefined && height === undefined) {
    width = readInt(dims[1]);
    height = readInt(dims[2]);
  }
  if (width !== undefined) meta.width = width;
  if (height !== undefined) meta.height = height;
  const length = readInt(text('length'));
  if (length !== undefined) meta.duration = length / 1000;
  return Object.keys(meta).length > 0 ? meta : undefined;
}
