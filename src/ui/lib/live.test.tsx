// @vitest-environment jsdom
import { render, screen, waitFor } from '@solidjs/testing-library';
import { For } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { AccountDb } from '../../db';
import { createLive, createLiveList } from './live';

describe('live-query adapter', () => {
  it('re-renders a component when a row changes, keeping row identity', async () => {
    const db = new AccountDb(`live-${crypto.randomUUID()}`);
    await db.contacts.bulkPut([
      { jid: 'a@x', name: 'Ann', groups: [], subscription: 'both' },
      { jid: 'b@x', name: 'Ben', groups: [], subscription: 'both' },
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
