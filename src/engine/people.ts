// What people say of themselves: nicknames (XEP-0172) and avatars (XEP-0084) from PEP
// notifications, each picture fetched once by its SHA-1 and kept; and publishing ours.
// The notifications come because our presence's caps ask for them (engine/caps.ts).
import { putAvatar, updateProfile } from '../db';
import {
  type AvatarInfo,
  avatarId,
  buildAvatarDataGet,
  buildAvatarDataPublish,
  buildAvatarMetadataPublish,
  buildNickPublish,
  MAX_AVATAR_BYTES,
  parseAvatarData,
  sniffImage,
} from '../xmpp';
import type { EngineContext } from './context';

export interface ProfileRecord {
  jid: string; // checked in xmpp/incoming.ts: the bare JID the event came from
  avatar?: AvatarInfo | null;
  nick?: string;
}

export function createPeople(ctx: EngineContext) {
  const { db, session, account } = ctx;
  /** Pictures being fetched, by id: a picture shared by many is asked for once. */
  const fetching = new Map<string, Promise<void>>();

  async function handle(r: ProfileRecord) {
    // Trust: a stranger's events are not kept; only contacts' and our own.
    if (r.jid !== account && !(await db.contacts.get(r.jid))) {
      ctx.log('profile event dropped: not a contact', r.jid);
      return;
    }
    if (r.nick !== undefined) await updateProfile(db, r.jid, { nick: r.nick });
    if (r.avatar === undefined) return;
    await updateProfile(db, r.jid, { avatar: r.avatar?.id ?? '' });
    if (r.avatar) void fetchAvatar(r.jid, r.avatar);
  }

  function fetchAvatar(jid: string, info: AvatarInfo): Promise<void> {
    let running = fetching.get(info.id);
    if (!running) {
      running = fetchOnce(jid, info)
        .catch((err) => ctx.log('avatar not fetched', err))
        .finally(() => fetching.delete(info.id));
      fetching.set(info.id, running);
    }
    return running;
  }

  async function fetchOnce(jid: string, info: AvatarInfo) {
    if (await db.avatars.get(info.id)) return;
    if (info.bytes > MAX_AVATAR_BYTES) {
      ctx.log('avatar not fetched: too large', info);
      return;
    }
    const reply = await session.request(buildAvatarDataGet(jid, info.id));
    const data = parseAvatarData(reply, info.id);
    if (typeof data === 'string') {
      ctx.log(`avatar refused: ${data}`, jid);
      return;
    }
    await putAvatar(db, {
      id: info.id,
      blob: new Blob([data.bytes as Uint8Array<ArrayBuffer>], { type: data.type }),
      type: data.type,
      ...(info.width ? { width: info.width } : {}),
      ...(info.height ? { height: info.height } : {}),
    });
  }

  async function publishNick(nick: string) {
    await session.request(buildNickPublish(nick));
    await updateProfile(db, account, { nick: nick.trim() });
  }

  /** Publish the picture stored under `id` (the app put it there), or remove ours with ''. */
  async function publishAvatar(id: string) {
    if (!id) {
      await session.request(buildAvatarMetadataPublish(null));
      await updateProfile(db, account, { avatar: '' });
      return;
    }
    const row = await db.avatars.get(id);
    if (!row) return; // replaced by a newer picture before it went out
    const bytes = new Uint8Array(await row.blob.arrayBuffer());
    const type = sniffImage(bytes);
    if (!type || avatarId(bytes) !== id) throw new Error('stored avatar is not what its id says');
    // The data first: a contact notified of the metadata fetches it at once.
    await session.request(buildAvatarDataPublish(bytes));
    const info: AvatarInfo = { id, type, bytes: bytes.length };
    if (row.width) info.width = row.width;
    if (row.height) info.height = row.height;
    await session.request(buildAvatarMetadataPublish(info));
    await updateProfile(db, account, { avatar: id });
  }

  return { handle, publishNick, publishAvatar };
}
