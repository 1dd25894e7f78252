// @vitest-environment jsdom
import { render, screen, waitFor } from '@solidjs/testing-library';
import Dexie, { type Table } from 'dexie';
import { For } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createLive, createLiveList } from './live';

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
});
