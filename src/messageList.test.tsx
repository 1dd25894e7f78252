// @vitest-environment jsdom
// Across layers (db writes, the ui list that shows them), so it lives at the top of src/.
import { render, waitFor, within } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import {
  accountDb,
  type Message,
  markReadUpTo,
  pendingMessages,
  storeArchivePage,
  storeIncoming,
  storeIncomingMany,
} from './db';

// The signed-in account's database, without a connection.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./app/session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
  holdsConnection: () => false,
  engineCall: async () => {
    throw new Error('offline');
  },
}));

// jsdom lays nothing out: following the newest message scrolls nowhere.
Element.prototype.scrollTo = () => {};

const { MessageList } = await import('./ui/MessageList');

const PEER = 'bob@x.org';
const incoming = (n: number): Message => ({
  id: `m${n}`,
  peer: PEER,
  direction: 'in',
  body: `message ${n}`,
  at: 1_000 + n,
  state: 'delivered',
  originId: `o${n}`,
});

function show() {
  const view = within(
    render(() => <MessageList peer={PEER} name="Bob" unread={undefined} />).container,
  );
  const bodies = () =>
    view
      .queryAllByRole('listitem')
      .filter((li) => li.classList.contains('msg')) // not the "Unread messages" line
      .map((li) => li.querySelector('.body')?.textContent);
  return { view, bodies };
}

describe('the message list', () => {
  it('shows an arriving message before it is stored, and keeps it once stored', async () => {
    const db = accountDb(`l-${crypto.randomUUID()}@x.org`);
    session.db = db;
    await storeIncoming(db, incoming(1));
    const { view, bodies } = show();
    await waitFor(() => expect(bodies()).toEqual(['message 1']));
    const storing = storeIncoming(db, incoming(2));
    // On screen in the same task (a microtask later), long before the transaction commits.
    await Promise.resolve();
    expect(bodies()).toEqual(['message 1', 'message 2']);
    const row = view.getByText('message 2');
    await storing;
    await waitFor(async () => expect(await db.messages.count()).toBe(2));
    // The list has read it back from the database: it is no longer shown from memory.
    await waitFor(() => expect(pendingMessages(db).rows(PEER)).toEqual([]));
    expect(bodies()).toEqual(['message 1', 'message 2']);
    expect(view.getByText('message 2')).toBe(row); // the same element, not a second one
    db.close();
  });

  it('a burst larger than the window ends as the newest window, in order, nothing left over', async () => {
    const db = accountDb(`l-${crypto.randomUUID()}@x.org`);
    session.db = db;
    await storeIncoming(db, incoming(0));
    await markReadUpTo(db, PEER, incoming(0).at); // read: the list opens at the newest
    const { bodies } = show();
    await waitFor(() => expect(bodies()).toEqual(['message 0']));
    await storeIncomingMany(
      db,
      Array.from({ length: 100 }, (_, i) => ({ row: incoming(i + 1) })),
    );
    const newest60 = Array.from({ length: 60 }, (_, i) => `message ${i + 41}`);
    await waitFor(() => expect(bodies()).toEqual(newest60));
    db.close();
  });

  it('opened on an unread message, a burst keeps the window from it, whatever answered first', async () => {
    const db = accountDb(`l-${crypto.randomUUID()}@x.org`);
    session.db = db;
    await storeIncoming(db, incoming(0)); // unread: the list opens on the divider above it
    const { view, bodies } = show();
    await waitFor(() => expect(bodies()).toEqual(['message 0']));
    await waitFor(() => expect(view.getByText('Unread messages')).toBeTruthy());
    await storeIncomingMany(
      db,
      Array.from({ length: 100 }, (_, i) => ({ row: incoming(i + 1) })),
    );
    const all = Array.from({ length: 101 }, (_, i) => `message ${i}`);
    await waitFor(() => expect(bodies()).toEqual(all));
    db.close();
  });

  it('says "This is the start of your conversation" only with the oldest page on screen', async () => {
    const db = accountDb(`l-${crypto.randomUUID()}@x.org`);
    session.db = db;
    const newer = Array.from({ length: 20 }, (_, i) => incoming(i + 40));
    await storeIncomingMany(
      db,
      newer.map((row) => ({ row })),
    );
    await markReadUpTo(db, PEER, 2_000);
    const { view, bodies } = show();
    await waitFor(() => expect(bodies()).toHaveLength(20));
    expect(view.queryByText('This is the start of your conversation.')).toBeNull();
    // Every moment the line is on screen, the rows under it: the whole history, never fewer.
    const seen: number[] = [];
    const observer = new MutationObserver(() => {
      if (view.queryByText('This is the start of your conversation.')) seen.push(bodies().length);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    // The archive's last older page, and the mark that nothing is older, stored together.
    const oldest = Array.from({ length: 20 }, (_, i) => ({ ...incoming(i), stanzaId: `s${i}` }));
    await storeArchivePage(db, oldest, { countUnread: false, completePeer: PEER });
    await waitFor(() =>
      expect(view.getByText('This is the start of your conversation.')).toBeTruthy(),
    );
    observer.disconnect();
    expect(bodies()).toHaveLength(40);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 40)).toBe(true);
    db.close();
  });
});
