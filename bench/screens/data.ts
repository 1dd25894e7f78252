// The data both clients are shown (docs/compare/README.md): Ann Lee, four contacts, four
// one-to-one conversations and a room, all sent by real XMPP sessions in this order.
export const DOMAIN = 'localhost';
export const ROOM = `team@conference.${DOMAIN}`;
export const ROOM_NAME = 'Team';
export const ROOM_SUBJECT = 'Release week';

export interface Person {
  user: string;
  name: string;
  group: string;
  /** Online (a session with presence) while the screenshots are taken. */
  online: boolean;
  /** Sits in the room while the screenshots are taken. */
  inRoom: boolean;
}

export const ANN = { user: 'ann', name: 'Ann Lee', password: 'ann-pass-1' };
export const PASSWORD = 'pass-1';

export const PEOPLE = {
  bob: { user: 'bob', name: 'Bob Chen', group: 'Work', online: true, inRoom: true },
  wang: { user: 'wangfang', name: '王芳', group: 'Friends', online: true, inRoom: true },
  carla: { user: 'carla', name: 'Carla Diaz', group: 'Work', online: true, inRoom: true },
  lilei: { user: 'lilei', name: '李雷', group: 'Friends', online: false, inRoom: false },
} satisfies Record<string, Person>;

export type Who = keyof typeof PEOPLE;
export const jidOf = (who: Who | 'ann') =>
  `${who === 'ann' ? ANN.user : PEOPLE[who].user}@${DOMAIN}`;

/** One line of a one-to-one conversation: who wrote it (Ann or the contact) and the text. */
export type Line = readonly ['ann' | 'them', string];
export interface Conversation {
  with: Who;
  lines: Line[];
}

/** Oldest first; the last conversation here is the top row of a chat list sorted by time. */
export const BEFORE_ROOM: Conversation[] = [
  {
    with: 'lilei',
    lines: [
      ['them', 'Ann，我把照片发给你了'],
      ['ann', '收到了，谢谢！拍得真好'],
    ],
  },
  {
    with: 'carla',
    lines: [
      ['them', 'Are we still on for Friday?'],
      ['ann', 'Yes! 7pm at the usual place?'],
      ['them', 'Perfect, see you there'],
    ],
  },
];

/** The room's messages, by occupant, oldest first. */
export const ROOM_LINES: ReadonlyArray<readonly [Who, string]> = [
  ['carla', 'Morning all! Stand-up in 10 minutes'],
  ['bob', 'On my way'],
  ['wang', '我晚五分钟到'],
  ['carla', 'No problem'],
  ['bob', 'The build is green again ✅'],
  ['wang', '太好了 👍'],
  ['carla', 'Release notes are in the shared folder'],
  ['bob', "I'll review them today"],
];

export const AFTER_ROOM: Conversation[] = [
  {
    with: 'wang',
    lines: [
      ['them', '安，你好！周末有空吗？'],
      ['ann', '有空，怎么了？'],
      ['them', '我们去爬山吧 ⛰️'],
      ['them', '早上八点出发，可以吗？'],
    ],
  },
  {
    with: 'bob',
    lines: [
      ['them', 'Hi Ann! Are you back from Shanghai?'],
      ['ann', 'Yes, landed last night 🙂'],
      ['ann', 'The trip went really well'],
      ['them', '太好了！会议怎么样？'],
      ['ann', '很顺利，客户很满意。'],
      ['them', 'Great. Did they sign the contract?'],
      ['ann', 'Not yet, but they will *this week* 🎉'],
      ['them', 'Nice! I put the notes here: https://example.com/notes/shanghai'],
      ['them', 'Can you check the numbers on page 3?'],
      ['ann', "Sure, I'll look after lunch"],
      ['them', '谢谢！No rush.'],
      ['them', 'Lunch tomorrow at the noodle place?'],
    ],
  },
];

const bob = AFTER_ROOM[1];
if (!bob) throw new Error('the conversation with Bob is missing');
/** The conversation that is opened, and texts that show it loaded. */
export const BOB_LINES = bob.lines;
export const lastText = (c: { lines: Line[] }) => c.lines[c.lines.length - 1]?.[1] ?? '';
