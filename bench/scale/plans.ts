// The scale tier's plans and table rows. Two plans per client and round, each in a fresh
// browser context (a new browser): a client that cannot open a conversation still gets its
// warm start measured.
import type { Adapter } from '../compare/adapters';
import { contactName } from '../compare/config';
import type { Plan } from '../compare/runner';
import { loadSignIn } from '../compare/scenarios/signIn';
import type { Row } from '../compare/table';
import { SCALE, SCALE_ACCOUNT } from './config';
import { peerJid } from './corpus';
import { firstSignIn, openBiggest, storedBytes, switchConversations, warmStart } from './steps';

export const SCALE_GROUP = 'scale';

/**
 * The chat list is painted (S2's stop; S1's Converse.js counterpart): its first row visible,
 * once the list holds the newest one-to-one conversation (the rooms, joined at sign-in, are
 * above it). Converse.js has no chat list; its counterpart is the control box: the first entry
 * of its room list visible, once its roster holds that conversation's contact.
 */
const adapt = (app: Adapter): Adapter => ({
  ...app,
  conversationListPainted:
    app.key === 'parley'
      ? `nav[aria-label="Chats"]:has(button.row[aria-label="${contactName(0)}"]) li.chat-row button.row`
      : `converse-controlbox:has(converse-roster-contact a.open-chat[data-jid="${peerJid(0)}"]) a.open-room`,
});

export function scalePlans(recentNames: readonly string[]): { warmUp: Plan; plans: Plan[] } {
  const signIn = firstSignIn(recentNames);
  const use: Plan = {
    group: SCALE_GROUP,
    name: 'use',
    account: SCALE_ACCOUNT,
    steps: [loadSignIn, signIn, openBiggest, switchConversations, storedBytes],
    adapt,
    measures: [
      'chatList',
      'heapSignIn',
      'openBiggest',
      'heapOpen',
      'switch',
      'heapSwitch',
      'idbPerMessage',
    ],
  };
  const warm: Plan = {
    group: SCALE_GROUP,
    name: 'warm start',
    account: SCALE_ACCOUNT,
    steps: [loadSignIn, signIn, warmStart],
    adapt,
    measures: ['warmReload', 'heapWarm'],
  };
  return { warmUp: use, plans: [use, warm] };
}

const ratio = { target: '≤ 0.5×', ratioTarget: 0.5 };
const n = (v: number) => v.toLocaleString('en');

export const SCALE_ROWS: Row[] = [
  {
    key: 'chatList',
    scenario: `S1. New browser: sign-in until the chat list shows the ${n(SCALE.recent)} conversations of the last 30 days`,
    unit: 'ms',
    ...ratio,
    digits: 0,
    converseCannot:
      'it has no list of conversations, and a new browser learns none from the archive (the nearest is its control box with its rooms and roster: time to it in the evidence)',
  },
  {
    key: 'heapSignIn',
    scenario: 'S1h. JS heap after S1 (after GC)',
    unit: 'MiB',
    ...ratio,
    digits: 1,
  },
  {
    key: 'warmReload',
    scenario:
      'S2. Warm start (reload) until the chat list is painted (Converse.js: its control box, rooms and roster)',
    unit: 'ms',
    ...ratio,
    digits: 0,
  },
  {
    key: 'heapWarm',
    scenario: 'S2h. JS heap after S2 (after GC)',
    unit: 'MiB',
    ...ratio,
    digits: 1,
  },
  {
    key: 'openBiggest',
    scenario: 'S3. Open the biggest conversation until its newest message is visible',
    unit: 'ms',
    ...ratio,
    digits: 0,
  },
  {
    key: 'heapOpen',
    scenario: 'S3h. JS heap after S3 (after GC)',
    unit: 'MiB',
    ...ratio,
    digits: 1,
  },
  {
    key: 'switch',
    scenario: `S4. Switch between ${SCALE.switches} conversations, each until its newest is visible (sum)`,
    unit: 'ms',
    ...ratio,
    digits: 0,
  },
  {
    key: 'heapSwitch',
    scenario: 'S4h. JS heap after S4 (after GC)',
    unit: 'MiB',
    ...ratio,
    digits: 1,
  },
  {
    key: 'idbPerMessage',
    scenario: 'S5. IndexedDB bytes per stored message (storage.estimate usage / messages stored)',
    unit: 'B',
    ...ratio,
    digits: 0,
  },
];
