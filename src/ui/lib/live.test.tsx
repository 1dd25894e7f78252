// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@solidjs/testing-library';
import Dexie, { type Table } from 'dexie';
import { For } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { createLive, createLiveList, createLiveLists } from './live';

interface Row {
  jid: string;
  name: string;
}
class TestDb extends Dexie {
  contacts!: Table<Row, string>;
  constructor() {
    super(`live-${crypto.randomUUID()}`);
    this.version(1).stores({ contacts: '&jid' });
  }
}

describe('live-query adapter', () => {
  it('re-renders a component when a row changes, keeping row identity', async () => {
    const db = new TestDb();
    await db.contacts.bulkPut([
      { jid: 'a@x', name: 'Ann' },
      { jid: 'b@x', name: 'Ben' },
    ]);
    function Names() {
      const list = createLiveList(() => () => db.contacts.orderBy('jid').toArray(), 'jid');
      const count = createLive(() => () => db.contacts.count(), 0);
      return (
        <div>
          <p>count {count()}</p>
          <ul>
            <For each={list.rows}>{(c) => <li data-jid={c.jid}>{c.name}</li>}</For>
          </ul>
        </div>
      );
    }
    render(() => <Names />);
    await screen.findByText('Ben');
    const benItem = screen.getByText('Ben');
    await db.contacts.update('a@x', { name: 'Anna' });
    await screen.findByText('Anna');
    // The untouched row is the same DOM node: reconcile kept its identity.
    expect(screen.getByText('Ben')).toBe(benItem);
    await db.contacts.delete('b@x');
    await waitFor(() => expect(screen.queryByText('Ben')).toBeNull());
    await screen.findByText('count 1');
    db.close();
  });

  it('sorts one read into several lists, each keeping its rows, and a row that moves keeps the focus', async () => {
    const db = new TestDb();
    await db.contacts.bulkPut([
      { jid: 'a@x', name: 'Ann' },
      { jid: 'b@x', name: 'Ben' },
      { jid: 'c@x', name: 'old Cy' },
    ]);
    let reads = 0;
    function Lists() {
      let box!: HTMLDivElement;
      const { lists } = createLiveLists(
        () => () => {
          reads++;
          return db.contacts
            .toArray()
            .then((rows) => rows.sort((x, y) => x.name.localeCompare(y.name)));
        },
        'jid',
        (rows) => ({
          fresh: rows.filter((r) => !r.name.startsWith('old')),
          old: rows.filter((r) => r.name.startsWith('old')),
        }),
        {
          // As the chat list's keepFocus: the focused row gets the focus back after a move.
          around: (apply) => {
            const focused = document.activeElement as HTMLElement | null;
            apply();
            if (focused && box.contains(focused) && focused.isConnected) focused.focus();
          },
        },
      );
      return (
        <div ref={box}>
          <ul aria-label="fresh">
            <For each={lists.fresh}>
              {(c) => (
                <li>
                  <button type="button">{c.name}</button>
                </li>
              )}
            </For>
          </ul>
          <ul aria-label="old">
            <For each={lists.old}>{(c) => <li>{c.name}</li>}</For>
          </ul>
        </div>
      );
    }
    render(() => <Lists />);
    const ben = await screen.findByRole('button', { name: 'Ben' });
    expect(within(screen.getByRole('list', { name: 'old' })).getByText('old Cy')).toBeTruthy();
    const readsBefore = reads;
    ben.focus();
    // Ann becomes "Zed": Ben moves to the top of its list, the same node, still focused.
    await db.contacts.update('a@x', { name: 'Zed' });
    await screen.findByRole('button', { name: 'Zed' });
    expect(screen.getByRole('button', { name: 'Ben' })).toBe(ben);
    expect(document.activeElement).toBe(ben);
    // One read per change, for both lists.
    expect(reads - readsBefore).toBe(1);
    // A row moves from one list to the other.
    await db.contacts.update('b@x', { name: 'old Ben' });
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'old' })).getByText('old Ben')).toBeTruthy(),
    );
    expect(screen.queryByRole('button', { name: 'Ben' })).toBeNull();
    db.close();
  });

  it('keeps following the database after a query fails once', async () => {
    const db = new TestDb();
    await db.contacts.put({ jid: 'a@x', name: 'Ann' });
    let fail = true;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Names() {
      const list = createLiveList(
        () => async () => {
          const rows = await db.contacts.orderBy('jid').toArray();
          if (fail) {
            fail = false;
            throw new Error('transaction aborted');
          }
          return rows;
        },
        'jid',
      );
      return (
        <ul>
          <For each={list.rows}>{(c) => <li>{c.name}</li>}</For>
        </ul>
      );
    }
    render(() => <Names />);
    await screen.findByText('Ann');
    expect(errors).toHaveBeenCalledWith('[parley] live query failed', expect.any(Error));
    await db.contacts.put({ jid: 'b@x', name: 'Ben' });
    await screen.findByText('Ben');
    errors.mockRestore();
    db.close();
  });

  it('shows rows not read yet at once, and keeps their element when they are read back', async () => {
    const db = new TestDb();
    await db.contacts.put({ jid: 'a@x', name: 'Ann' });
    // Rows being written, kept apart, with their watchers.
    let extra: Row[] = [];
    const watchers = new Set<() => void>();
    const setExtra = (rows: Row[]) => {
      extra = rows;
      for (const fn of watchers) fn();
    };
    function Names() {
      const list = createLiveList(() => () => db.contacts.orderBy('jid').toArray(), 'jid', {
        extra: {
          watch: (changed) => {
            watchers.add(changed);
            return () => watchers.delete(changed);
          },
          shown: (read) => [...read, ...extra.filter((e) => !read.some((r) => r.jid === e.jid))],
        },
      });
      const count = createLive(() => () => db.contacts.count(), 0);
      return (
        <div>
          <p>stored {count()}</p>
          <ul>
            <For each={list.rows}>{(c) => <li>{c.name}</li>}</For>
          </ul>
        </div>
      );
    }
    const view = within(render(() => <Names />).container);
    await view.findByText('Ann');
    setExtra([{ jid: 'b@x', name: 'Ben' }]);
    // Shown in the same task, before any database work.
    const ben = view.getByText('Ben');
    await db.contacts.put({ jid: 'b@x', name: 'Ben' });
    await view.findByText('stored 2');
    await waitFor(() => expect(view.getAllByRole('listitem')).toHaveLength(2));
    setExtra([]);
    // Read back: the same element, not a second one.
    expect(view.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Ann', 'Ben']);
    expect(view.getByText('Ben')).toBe(ben);
    db.close();
  });
});
