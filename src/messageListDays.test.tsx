// @vitest-environment jsdom
// Day dividers and groups in the message list, over the real database (as messageList.test).
import { render, waitFor, within } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { accountDb, type Message, storeIncomingMany } from './db';

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./app/session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
  holdsConnection: () => false,
  engineCall: async () => {
    throw new Error('offline');
  },
}));
Element.prototype.scrollTo = () => {};

const { MessageList } = await import('./ui/MessageList');

const PEER = 'bob@x.org';
const MIN = 60_000;
// Three in the afternoon, local time: every message below is in the past, today's at noon.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date(2026, 11, 6, 15, 0));
const noon = new Date(2026, 11, 6, 12, 0).getTime();
const DAY = 86_400_000;

function msg(
  n: number,
  at: number,
  direction: 'in' | 'out' = 'in',
  body = `message ${n}`,
): Message {
  return { id: `m${n}`, peer: PEER, direction, body, at, state: 'delivered', originId: `o${n}` };
}

async function show(rows: Message[]) {
  const db = accountDb(`d-${crypto.randomUUID()}@x.org`);
  session.db = db;
  await storeIncomingMany(
    db,
    rows.map((row) => ({ row })),
  );
  // Read already: the "Unread messages" line (messageList.test.tsx) is not what is tested here,
  // and whether it was drawn before the assertions depended on timing.
  await db.conversations.update(PEER, { unread: 0 });
  const { container } = render(() => <MessageList peer={PEER} name="Bob" unread={undefined} />);
  await waitFor(() => expect(container.querySelectorAll('li.msg')).toHaveLength(rows.length));
  return { container, ...within(container) };
}

describe('day dividers', () => {
  it('puts a heading with the day above each day’s first message', async () => {
    const view = await show([
      msg(1, noon - 3 * DAY),
      msg(2, noon - DAY),
      msg(3, noon - DAY + MIN),
      msg(4, noon),
    ]);
    const days = view.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long' }).format(noon - 3 * DAY);
    expect(days).toEqual([weekday, 'Yesterday', 'Today']);
    // Each heading sits right before its day's first message, in the log's order.
    const items = [...view.container.querySelectorAll<HTMLElement>('ol > li')].map((li) =>
      li.classList.contains('day-divider') ? `[${li.textContent}]` : li.dataset['id'],
    );
    expect(items).toEqual([`[${weekday}]`, 'm1', '[Yesterday]', 'm2', 'm3', '[Today]', 'm4']);
  });
});

describe('groups', () => {
  it('joins one sender’s messages a few minutes apart, and shows their time once', async () => {
    const view = await show([
      msg(1, noon),
      msg(2, noon + MIN),
      msg(3, noon + 2 * MIN),
      msg(4, noon + 3 * MIN, 'out'),
      msg(5, noon + 30 * MIN, 'out'),
    ]);
    const rows = [...view.container.querySelectorAll<HTMLElement>('li.msg')];
    const shape = rows.map(
      (li) =>
        `${li.classList.contains('msg-cont') ? 'cont' : 'first'}/${li.classList.contains('msg-next') ? 'more' : 'last'}`,
    );
    // Bob's three in one group; mine apart from his; half an hour later, a new group.
    expect(shape).toEqual(['first/more', 'cont/more', 'cont/last', 'first/last', 'first/last']);
  });
});
