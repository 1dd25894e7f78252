// Uploads waiting in Dexie, one at a time while online: ask the server's upload service for a
// slot (XEP-0363), PUT the file there, then hand the message to the outbox with its URL.
import { completeUpload, failUpload, liveQuery, type UploadRow } from '../../db';
import { MEDIA_CACHE_BYTES } from '../../shared/fileLimits';
import {
  bareJid,
  buildDiscoInfo,
  buildDiscoItems,
  buildSlotRequest,
  findUploadService,
  parseDiscoInfo,
  parseDiscoItems,
  parseSlot,
  parseSlotErrorElement,
  type UploadService,
} from '../../xmpp';
import { XmppRequestError } from '../../xmpp/session';
import type { EngineContext } from '../context';
import { createDrain } from '../drain';
import { putFile, UploadError } from './http';

/** Network or server errors in a row, while the browser says it is online, before giving up. */
export const MAX_UPLOAD_TRIES = 4;
const BACKOFF_MS = 2_000;
const PROGRESS_WRITE_MS = 250;

export interface UploadOptions {
  cacheCap?: number;
  backoffMs?: number;
  /** For tests: the HTTP PUT. */
  put?: typeof putFile;
}

/**
 * Message errors an upload can end in, for the UI to word: `upload:<code>[:<detail>]`, e.g.
 * `upload:too-large:10485760`, `upload:refused:403`.
 */
export type UploadFailure =
  | 'too-large'
  | 'refused'
  | 'not-allowed'
  | 'quota'
  | 'no-service'
  | 'server'
  | 'network'
  | 'insecure-url'
  | 'other';

const fail = (code: UploadFailure, detail?: string | number) =>
  detail === undefined ? `upload:${code}` : `upload:${code}:${detail}`;

/** The server's upload service: its own domain or one of its items (disco). */
export async function discoverUploadService(
  ctx: Pick<EngineContext, 'session'>,
): Promise<UploadService | null> {
  const { session } = ctx;
  const domain = bareJid(session.jid).split('@')[1] ?? '';
  const items = parseDiscoItems(await session.request(buildDiscoItems(domain))) ?? [];
  const jids = [domain, ...items.filter((i) => !i.node).map((i) => i.jid)];
  const infos = await Promise.all(
    jids.map(async (jid) => {
      const info = parseDiscoInfo(await session.request(buildDiscoInfo(jid)).catch(() => null));
      return info ? { jid, info } : null;
    }),
  );
  return findUploadService(infos.filter((i) => i !== null));
}

export function createUploads(ctx: EngineContext, opts: UploadOptions = {}) {
  const { db, session } = ctx;
  const cap = opts.cacheCap ?? MEDIA_CACHE_BYTES;
  const put = opts.put ?? putFile;
  let online = false;
  let service: Promise<UploadService | null> | null = null;
  let current: { id: string; abort: AbortController } | null = null;
  let wait: ReturnType<typeof setTimeout> | undefined;

  /** Found once per engine; asked again after a failure. */
  function uploadService(): Promise<UploadService | null> {
    service ??= discoverUploadService(ctx).catch((err) => {
      service = null;
      throw err;
    });
    return service;
  }

  const browserOffline = () =>
    (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;

  async function next(): Promise<UploadRow | undefined> {
    return db.uploads
      .orderBy('createdAt')
      .filter((u) => u.state !== 'failed')
      .first();
  }

  async function uploadOne(row: UploadRow): Promise<'done' | 'again' | 'stop'> {
    const svc = await uploadService();
    if (!svc) {
      await failUpload(db, row.id, fail('no-service'));
      return 'done';
    }
    const msg = await db.messages.get(row.id);
    if (!msg?.file) {
      await db.uploads.delete(row.id);
      return 'done';
    }
    if (svc.maxFileSize !== undefined && row.blob.size > svc.maxFileSize) {
      await failUpload(db, row.id, fail('too-large', svc.maxFileSize));
      return 'done';
    }
    let slotIq: Awaited<ReturnType<typeof session.request>>;
    try {
      slotIq = await session.request(
        buildSlotRequest({
          to: svc.jid,
          filename: msg.file.name,
          size: row.blob.size,
          contentType: row.blob.type || 'application/octet-stream',
        }),
      );
    } catch (err) {
      if (!(err instanceof XmppRequestError) || err.condition === 'timeout') throw err;
      const refusal = parseSlotErrorElement(err.error) ?? { kind: 'other' };
      if (refusal.kind === 'too-large')
        await failUpload(db, row.id, fail('too-large', refusal.maxFileSize ?? svc.maxFileSize));
      else await failUpload(db, row.id, fail(refusal.kind));
      return 'done';
    }
    const slot = parseSlot(slotIq);
    if (!slot) {
      await failUpload(db, row.id, fail('other'));
      return 'done';
    }

    const abort = new AbortController();
    current = { id: row.id, abort };
    let lastWrite = 0;
    await db.uploads.update(row.id, { state: 'uploading', sent: 0 });
    const putStart = performance.now();
    try {
      await put({
        putUrl: slot.putUrl,
        headers: slot.headers,
        body: row.blob,
        contentType: row.blob.type || 'application/octet-stream',
        signal: abort.signal,
        onProgress: (sent, total) => {
          const now = Date.now();
          if (sent < total && now - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = now;
          void db.uploads
            .where('id')
            .equals(row.id)
            .modify((u) => {
              if (u.state === 'uploading') u.sent = sent;
            });
        },
      });
    } catch (err) {
      if (!(err instanceof UploadError)) throw err;
      if (err.code === 'cancelled') return 'done'; // deleted by the person: nothing to keep
      if (err.code === 'too-large') {
        await failUpload(db, row.id, fail('too-large', svc.maxFileSize));
        return 'done';
      }
      if (err.code === 'refused') {
        await failUpload(db, row.id, fail('refused', err.status));
        return 'done';
      }
      if (err.code === 'insecure-url') {
        await failUpload(db, row.id, fail('insecure-url'));
        return 'done';
      }
      // Network, timeout or a server error: worth another go.
      const counted = !browserOffline();
      const tries = row.tries + (counted ? 1 : 0);
      if (tries >= MAX_UPLOAD_TRIES) {
        await failUpload(
          db,
          row.id,
          fail(err.code === 'server' ? 'server' : 'network', err.status),
        );
        return 'done';
      }
      await db.uploads
        .where('id')
        .equals(row.id)
        .modify((u) => {
          u.state = 'waiting';
          u.sent = 0;
          u.tries = tries;
        });
      return browserOffline() ? 'stop' : 'again';
    } finally {
      current = null;
    }
    // For benchmarks: the PUT alone, with its size.
    performance.measure?.('parley:upload:put', {
      start: putStart,
      end: performance.now(),
      detail: { bytes: row.blob.size },
    });
    await completeUpload(db, row.id, slot.getUrl, cap);
    return 'done';
  }

  async function drainOnce() {
    clearTimeout(wait);
    for (;;) {
      if (!online) return;
      const row = await next();
      if (!row) return;
      let outcome: 'done' | 'again' | 'stop';
      try {
        outcome = await uploadOne(row);
      } catch (err) {
        // The XMPP link went away mid-request: the next session takes it from here.
        ctx.log('upload paused', err);
        await db.uploads.update(row.id, { state: 'waiting', sent: 0 });
        return;
      }
      if (outcome === 'stop') return;
      if (outcome === 'again') {
        const delay = (opts.backoffMs ?? BACKOFF_MS) * 2 ** row.tries;
        wait = setTimeout(() => drain(), delay);
        return;
      }
    }
  }

  const drain = createDrain(
    drainOnce,
    () => online,
    (err) => ctx.log('upload drain stopped', err),
  );

  // New uploads start the drain; a deleted one (cancel, in any tab) stops its request.
  const sub = liveQuery(() => db.uploads.toCollection().primaryKeys()).subscribe({
    next: (ids) => {
      if (current && !ids.includes(current.id)) current.abort.abort();
      drain();
    },
    error: (err) => ctx.log('upload watch failed', err),
  });

  const onBrowserOnline = () => drain();
  globalThis.addEventListener?.('online', onBrowserOnline);

  return {
    uploadService,
    setOnline(value: boolean) {
      online = value;
      if (value) drain();
      else clearTimeout(wait);
    },
    stop() {
      online = false;
      clearTimeout(wait);
      current?.abort.abort();
      sub.unsubscribe();
      globalThis.removeEventListener?.('online', onBrowserOnline);
    },
  };
}
