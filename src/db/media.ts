// Files: uploads waiting to go, and the cache of downloaded files.
import { lastMessage, lastOf, touchConversation } from './conversations';
import { outgoingRow } from './outbox';
import type { AccountDb } from './schema';
import type { Attachment, Message } from './types';

/**
 * The user's intent to send a file: a message row (queued, its file without a URL yet) and the
 * file's bytes waiting for upload, in one transaction. It joins the outbox once uploaded.
 */
export async function queueUpload(db: AccountDb, msg: Message & { file: Attachment }, blob: Blob) {
  await db.transaction(
    'rw',
    [db.messages, db.uploads, db.conversations, db.meta, db.rooms],
    async () => {
      await db.messages.add(msg);
      await db.uploads.add({
        id: msg.id,
        peer: msg.peer,
        blob,
        createdAt: msg.at,
        state: 'waiting',
        sent: 0,
        tries: 0,
      });
      const [old, last] = await Promise.all([
        db.conversations.get(msg.peer),
        lastMessage(db, msg.peer),
      ]);
      await touchConversation(db, msg.peer, lastOf(last, msg), { unread: 0 }, old);
    },
  );
}

/**
 * The file is on the server at `url`: the message gets the URL as its body and file link and
 * joins the outbox, and the upload row goes, in one transaction. The bytes are kept as the
 * cached copy of `url`, so the sender never downloads their own file. False when the message
 * was deleted meanwhile.
 */
export async function completeUpload(
  db: AccountDb,
  id: string,
  url: string,
  cacheCap: number,
): Promise<boolean> {
  const done = await db.transaction(
    'rw',
    [db.messages, db.uploads, db.outbox, db.conversations, db.media],
    async () => {
      const [msg, upload] = await Promise.all([db.messages.get(id), db.uploads.get(id)]);
      if (!msg?.file || !upload) return false;
      await db.uploads.delete(id);
      const file = { ...msg.file, url, size: upload.blob.size };
      // The URL as the first line, as other clients expect a file's body; the caption after.
      const body = msg.caption ? `${url}\n${msg.caption}` : url;
      await db.messages.update(id, { body, file, state: 'queued' });
      await db.outbox.put(outgoingRow({ id, peer: msg.peer }));
      await db.media.put({ url, blob: upload.blob, size: upload.blob.size, usedAt: Date.now() });
      return true;
    },
  );
  if (done) await evictMedia(db, cacheCap);
  return done;
}

/** The upload cannot go on by itself: the message shows failed, in words, with Retry. */
export async function failUpload(db: AccountDb, id: string, error: string) {
  await db.transaction('rw', db.messages, db.uploads, async () => {
    if (!(await db.uploads.get(id))) return;
    await db.uploads.update(id, { state: 'failed', error, sent: 0 });
    await db.messages.update(id, { state: 'failed', error });
  });
}

/** A downloaded file, stored and then the cache trimmed to `cap` bytes (least recently used go). */
export async function putMedia(db: AccountDb, url: string, blob: Blob, cap: number) {
  await db.media.put({ url, blob, size: blob.size, usedAt: Date.now() });
  await evictMedia(db, cap);
}

/** A cached file, marked as just used; undefined when not cached. */
export async function getMedia(db: AccountDb, url: string): Promise<Blob | undefined> {
  const row = await db.media.get(url);
  if (!row) return undefined;
  // Not every read needs a write: a minute's precision is enough to order evictions.
  if (Date.now() - row.usedAt > 60_000) await db.media.update(url, { usedAt: Date.now() });
  return row.blob;
}

/** Drop the least recently used files until the cache holds at most `cap` bytes. */
export async function evictMedia(db: AccountDb, cap: number) {
  await db.transaction('rw', db.media, async () => {
    let total = 0;
    const drop: string[] = [];
    // Newest first: what is past the cap when counted from the newest goes.
    await db.media
      .orderBy('usedAt')
      .reverse()
      .each((row) => {
        total += row.size;
        if (total > cap) drop.push(row.url);
      });
    if (drop.length) await db.media.bulkDelete(drop);
  });
}
