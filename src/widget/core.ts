// The chat core as the panel sees it: the shopper's session and support room (app/), and the
// live reads of the mirror (and so db/ and Dexie, most of the panel's weight). entry.tsx loads
// it beside the panel's words, and the panel draws its message box without waiting for it.
import type { Accessor } from 'solid-js';
import { openConversation, retryMessage, setTyping } from '../app/commands';
import { cancelUpload, isInlineSafeType, loadMedia, uploadQuery } from '../app/files';
import { createChime } from '../app/notify/sound';
import type { Message } from '../app/queries';
import { currentAccount } from '../app/session';
import {
  agentsHereQuery,
  detach,
  findSupportRoom,
  guestLocal,
  tabHoldsConnection as holdsConnection,
  inviteAgents,
  ownSupportRoomQuery,
  sendCard,
  sendFileToSupport,
  sendPrechat,
  sendRating,
  sendToSupport,
  signInCustomer,
  startShopper,
  supportClaimQuery,
  supportConnectionQuery,
  supportMessagesQuery,
  supportOutcomeQuery,
  supportRoomQuery,
  supportTypingQuery,
  supportUnreadQuery,
} from '../app/support';
import { createLive } from '../ui/lib/live';
import { saveBlob } from '../ui/lib/save';
import { createStableRows } from './stableRows';

/**
 * What the panel reads of the shopper's room (found live: on a customer's second device it
 * comes with their bookmarks); made under the panel's owner, so its cleanup ends them.
 */
function createReads(opts: { account: Accessor<string | null>; nick: Accessor<string> }) {
  const room = createLive<string | null>(
    () => (opts.account() ? ownSupportRoomQuery() : null),
    null,
  );
  const live = <T>(make: (r: string) => () => Promise<T>, initial: T) =>
    createLive(() => {
      const r = room();
      return r ? make(r) : null;
    }, initial);
  const messages = createStableRows(live<Message[] | null>((r) => supportMessagesQuery(r), null));
  return {
    room,
    messages,
    roomRow: live((r) => supportRoomQuery(r), undefined),
    agents: live((r) => agentsHereQuery(r, opts.nick()), []),
    unread: live((r) => supportUnreadQuery(r), 0),
    claim: live((r) => supportClaimQuery(r), null),
    outcome: live((r) => supportOutcomeQuery(r), null),
    typing: live<string[]>((r) => supportTypingQuery(r), []),
    connection: createLive(() => (opts.account() ? supportConnectionQuery() : null), undefined),
  };
}

export type Reads = ReturnType<typeof createReads>;

/**
 * What a file's row (Attachment.tsx) needs of the core, handed to it rather than imported by
 * it: its chunk then shares nothing with the core's but the panel's, and the bundler keeps
 * the core one chunk (it split Dexie and db/ into a chunk of their own, one more round trip
 * before the panel is usable, when Attachment imported app/files.ts).
 */
const fileRow = {
  /** The pending upload of a message of ours (its local bytes and progress), while `id()`. */
  upload: (id: Accessor<string | null>) =>
    createLive(() => {
      const i = id();
      return i ? uploadQuery(i) : null;
    }, undefined),
  cancelUpload,
  isInlineSafeType,
  loadMedia,
  saveBlob,
};

export type FileRow = typeof fileRow;

// One object rather than the module's namespace: the bundler would have to make one up for it
// (a helper shared with other chunks, fetched only once this chunk is parsed).
export const core = {
  // A file's row, fetched with the first file shown (most conversations have none).
  attachment: () => import('./Attachment').then((m) => m.Attachment),
  fileRow,
  createReads,
  currentAccount,
  detach,
  findSupportRoom,
  guestLocal,
  inviteAgents,
  openConversation,
  retryMessage,
  sendCard,
  sendFileToSupport,
  sendPrechat,
  sendRating,
  sendToSupport,
  setTyping,
  signInCustomer,
  startShopper,
  createChime,
  holdsConnection,
};

export type Core = typeof core;
