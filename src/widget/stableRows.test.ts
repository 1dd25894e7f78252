import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createStableRows } from './stableRows';

type Row = { id: string; body: string; file?: { url?: string } };

describe('createStableRows', () => {
  it('keeps the object of a row that did not change, and takes the new one of a row that did', () => {
    createRoot((dispose) => {
      const [read, setRead] = createSignal<Row[] | null>(null);
      const rows = createStableRows(read);
      expect(rows()).toBeNull();
      const picture: Row = { id: 'a', body: '', file: {} };
      setRead([picture, { id: 'b', body: 'hi' }]);
      const [a1, b1] = rows() ?? [];
      // A new read (a new message came): equal rows are fresh objects from the database.
      setRead([
        { id: 'a', body: '', file: {} },
        { id: 'b', body: 'hi (edited)' },
        { id: 'c', body: 'new' },
      ]);
      const [a2, b2, c2] = rows() ?? [];
      expect(a2).toBe(a1);
      expect(b2).not.toBe(b1);
      expect(b2?.body).toBe('hi (edited)');
      expect(c2?.body).toBe('new');
      // The upload finished: the picture's row changed, so it is the new one.
      setRead([{ id: 'a', body: '', file: { url: 'https://up/x.png' } }]);
      expect(rows()?.[0]?.file?.url).toBe('https://up/x.png');
      dispose();
    });
  });
});
