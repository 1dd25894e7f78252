// Attachments: preparing a chosen file in the browser, queueing it for upload, and reading
// received files through the local cache.
import {
  type Attachment,
  deleteUnsent,
  getMedia,
  putMedia,
  queueUpload,
  type UploadRow,
} from '../db';
import { kindOf, typeFromName } from '../engine/gateway';
import { checkSize, MEDIA_CACHE_BYTES } from '../shared/fileLimits';
import { cleanFileName } from '../shared/fileNames';
import { CommandError } from './commands';
import { currentDb } from './session';

export { cleanFileName, isInlineSafeType } from '../shared/fileNames';
export type { Attachment, UploadRow };

/** Longest side of the smaller copy of a picture. */
export const RESIZE_TO = 1600;
const RESIZABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** A caption is a line or a few, not a letter (as the message text limit, lower). */
const MAX_CAPTION = 4096;

export class FileTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly fileName: string,
  ) {
    super(`${fileName} is over the limit of ${limitBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** A file ready to queue: its bytes and what the message says about it. */
export interface PreparedFile {
  blob: Blob;
  file: Attachment;
}

/** Pixel size of a picture; undefined when the browser cannot read it. */
export async function imageSize(
  blob: Blob,
): Promise<{ width: number; height: number } | undefined> {
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/**
 * A smaller copy (longest side RESIZE_TO) of a JPEG, PNG or WebP, in the same format: the
 * person sent "screenshot.png" and the contact gets "screenshot.png", transparency and sharp
 * text intact (a PNG made WebP arrived renamed and a JPEG would lose the alpha). Undefined
 * when the copy is not smaller.
 */
export async function smallerCopy(
  blob: Blob,
): Promise<{ blob: Blob; width: number; height: number } | undefined> {
  if (!RESIZABLE.has(blob.type)) return undefined;
  const bitmap = await createImageBitmap(blob).catch(() => undefined);
  if (!bitmap) return undefined;
  try {
    const scale = RESIZE_TO / Math.max(bitmap.width, bitmap.height);
    if (scale >= 1) return undefined; // already small: the original it is
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
    const out = await new Promise<Blob | null>((done) => canvas.toBlob(done, blob.type, 0.85));
    // A browser that cannot write the format answers PNG: then the original it is.
    if (!out || out.type !== blob.type || out.size >= blob.size) return undefined;
    return { blob: out, width, height };
  } finally {
    bitmap.close();
  }
}

/** Length and size of a video or audio file from its metadata; {} when unreadable. */
function mediaInfo(
  blob: Blob,
  tag: 'video' | 'audio',
): Promise<{ duration?: number; width?: number; height?: number }> {
  return new Promise((done) => {
    const el = document.createElement(tag);
    const url = URL.createObjectURL(blob);
    const finish = (v: { duration?: number; width?: number; height?: number }) => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      el.removeAttribute('src');
      done(v);
    };
    const timer = setTimeout(() => finish({}), 3000);
    el.preload = 'metadata';
    el.onloadedmetadata = () => {
      const out: { duration?: number; width?: number; height?: number } = {};
      if (Number.isFinite(el.duration) && el.duration > 0) out.duration = el.duration;
      if (el instanceof HTMLVideoElement && el.videoWidth > 0) {
        out.width = el.videoWidth;
        out.height = el.videoHeight;
      }
      finish(out);
    };
    el.onerror = () => finish({});
    el.src = url;
  });
}

/**
 * What a chosen, dropped or pasted file will be sent as. Pictures carry their pixel size so
 * the conversation does not jump when they load; with `smaller`, a large picture is resized.
 */
export async function prepareFile(
  input: Blob & { name?: string },
  opts: { smaller?: boolean; voice?: boolean; duration?: number } = {},
): Promise<PreparedFile> {
  let blob: Blob = input;
  const name = cleanFileName(input.name || 'file');
  const mediaType = (input.type || typeFromName(name) || 'application/octet-stream').toLowerCase();
  if (input.type !== mediaType) blob = new Blob([input], { type: mediaType });
  const file: Attachment = { kind: kindOf(mediaType, opts.voice), name, mediaType };
  if (file.kind === 'image') {
    const small = opts.smaller ? await smallerCopy(blob) : undefined;
    if (small) {
      blob = small.blob;
      file.width = small.width;
      file.height = small.height;
    } else {
      const size = await imageSize(blob);
      if (size) Object.assign(file, size);
    }
  } else if (file.kind === 'video' || file.kind === 'audio' || file.kind === 'voice') {
    Object.assign(file, await mediaInfo(blob, file.kind === 'video' ? 'video' : 'audio'));
  }
  if (opts.duration !== undefined) file.duration = opts.duration;
  file.size = blob.size;
  return { blob, file };
}

/**
 * Queue a prepared file for `peer`: it shows at once, with progress, and is sent when
 * uploaded. Throws FileTooLargeError, before anything is stored, over the server's limit.
 */
export async function sendFile(
  peer: string,
  prepared: PreparedFile,
  maxFileSize?: number,
  caption?: string,
) {
  const text = caption?.trim();
  if (text && text.length > MAX_CAPTION) throw new CommandError('too-long');
  const fits = checkSize(prepared.blob.size, maxFileSize);
  if (!fits.ok) throw new FileTooLargeError(fits.limitBytes, prepared.file.name);
  if (prepared.blob.size === 0) throw new CommandError('empty');
  const id = crypto.randomUUID();
  await queueUpload(
    currentDb(),
    {
      id,
      peer,
      direction: 'out',
      body: '',
      at: Date.now(),
      state: 'queued',
      originId: id,
      file: prepared.file,
      ...(text ? { caption: text } : {}),
    },
    prepared.blob,
  );
  return id;
}

/** Stop an upload and drop its message (it never left). */
export async function cancelUpload(id: string) {
  await deleteUnsent(currentDb(), id);
}

/** The pending upload of a message of ours, for its progress bar and local preview. */
export function uploadQuery(id: string) {
  const db = currentDb();
  return () => db.uploads.get(id);
}

const loading = new Map<string, Promise<Blob>>();

export class DownloadError extends Error {
  constructor(readonly status?: number) {
    super(status ? `download failed (HTTP ${status})` : 'download failed');
    this.name = 'DownloadError';
  }
}

/** A cached file; undefined when it is not here. Never touches the network. */
export async function cachedMedia(url: string): Promise<Blob | undefined> {
  return getMedia(currentDb(), url);
}

/**
 * A received file's bytes: from the local cache, else downloaded once (without cookies or
 * credentials) and kept, least recently used evicted first.
 */
export function loadMedia(url: string): Promise<Blob> {
  const db = currentDb();
  const key = `${db.name}\n${url}`;
  const pending = loading.get(key);
  if (pending) return pending;
  const p = (async () => {
    const cached = await getMedia(db, url);
    if (cached) return cached;
    const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' }).catch(
      () => {
        throw new DownloadError();
      },
    );
    if (!res.ok) throw new DownloadError(res.status);
    const blob = await res.blob();
    await putMedia(db, url, blob, MEDIA_CACHE_BYTES).catch(() => {}); // full disk: still shown
    return blob;
  })().finally(() => loading.delete(key));
  loading.set(key, p);
  return p;
}

/** Whether the file's sender is someone we know (a contact), so it may be fetched unasked. */
export function isContactQuery(jid: string) {
  const db = currentDb();
  return async () => {
    return (await db.contacts.get(jid)) !== undefined;
  };
}
