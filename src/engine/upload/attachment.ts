// What a received message's file is, from its XEP-0066 link and XEP-0446 metadata. Other
// clients (Conversations, Converse.js, Gajim) send the URL as the body and as <x:oob/>; many
// send no metadata, so the name and type may come from the URL alone.
import type { Attachment, AttachmentKind } from '../../db';
import { cleanFileName, isInlineSafeType } from '../../shared/fileNames';
import type { ChatMessage } from '../../xmpp';

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  weba: 'audio/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** A media type from a file name's extension; undefined when unknown. */
export function typeFromName(name: string): string | undefined {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** The last path segment of a URL, decoded; '' when there is none. */
export function nameFromUrl(url: string): string {
  try {
    const seg = new URL(url).pathname.split('/').pop() ?? '';
    try {
      return decodeURIComponent(seg);
    } catch {
      return seg;
    }
  } catch {
    return '';
  }
}

/**
 * How a file shows: inline image, video or audio only for types a browser shows as plain
 * media (never SVG or HTML: they can carry script); everything else is a file card.
 */
export function kindOf(mediaType: string | undefined, voice = false): AttachmentKind {
  if (!mediaType || !isInlineSafeType(mediaType)) return 'file';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType.startsWith('audio/')) return voice ? 'voice' : 'audio';
  return 'file';
}

/** Characters of a caption kept; the rest of a longer one is cut. */
const MAX_CAPTION = 4096;

/**
 * The caption sent with a file: the body's other lines when the out-of-band URL is a whole
 * line of it, its first (as Parley sends it) or its last. '' when the body is the URL alone;
 * undefined when the URL is not a line of its own (a link inside a sentence is just a link).
 */
export function captionOf(msg: ChatMessage): string | undefined {
  const url = msg.oob?.url;
  const body = msg.body?.trim() ?? '';
  if (!url) return undefined;
  if (body === '' || body === url) return '';
  const lines = body.split('\n');
  const at = lines[0]?.trim() === url ? 0 : lines.at(-1)?.trim() === url ? lines.length - 1 : -1;
  if (at < 0) return undefined;
  lines.splice(at, 1);
  return Array.from(lines.join('\n').trim()).slice(0, MAX_CAPTION).join('');
}

/**
 * The file a message shares, when it is a file message: an out-of-band URL that is the whole
 * body or a whole line of it (beside a caption), or a message with no body at all.
 */
export function attachmentOf(msg: ChatMessage): Attachment | undefined {
  const url = msg.oob?.url;
  if (!url) return undefined;
  if (captionOf(msg) === undefined) return undefined;
  const meta = msg.file ?? {};
  const name = cleanFileName(meta.name ?? nameFromUrl(url));
  const mediaType = meta.mediaType ?? typeFromName(name);
  // Parley names recordings voice-<time>.<ext>: shown as a voice message, not an audio file.
  const file: Attachment = { url, kind: kindOf(mediaType, /^voice-/i.test(name)), name };
  if (mediaType) file.mediaType = mediaType;
  if (meta.size !== undefined) file.size = meta.size;
  if (meta.width !== undefined && meta.height !== undefined && meta.width > 0 && meta.height > 0) {
    file.width = meta.width;
    file.height = meta.height;
  }
  if (meta.duration !== undefined && Number.isFinite(meta.duration)) file.duration = meta.duration;
  return file;
}
