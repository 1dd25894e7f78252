// (7c-e) Floors measured in the same run, from a page of the same browser and origin as Parley
// with no app loaded: a bare WebSocket's XMPP ping round trip to the same Prosody, a bare
// IndexedDB bulk write, and one small IndexedDB transaction.
import type { Page } from '@playwright/test';
import { SIZE } from '../config';
import { race, type Store, stats } from '../results';

export async function measureFloors(floorPage: Page, websocketUrl: string, store: Store) {
  // Floor 1: a bare WebSocket, signed in by hand (PLAIN), XMPP ping round trips to the same
  // Prosody, from a page of the same browser (same origin as Parley, no app loaded).
  const rtts = await race(
    floorPage.evaluate(
      async ({ url, n }) => {
        const ws = new WebSocket(url, 'xmpp');
        const frames: string[] = [];
        let wake: (() => void) | null = null;
        let closed = false;
        ws.onmessage = (e) => {
          frames.push(String(e.data));
          wake?.();
        };
        ws.onclose = () => {
          closed = true;
          wake?.();
        };
        await new Promise((done, fail) => {
          ws.onopen = done;
          ws.onerror = fail;
        });
        const next = async (test: (f: string) => boolean) => {
          for (;;) {
            const i = frames.findIndex(test);
            if (i >= 0) return frames.splice(i, 1)[0] as string;
            if (closed) throw new Error(`floor: the server closed the stream: ${frames.join(' ')}`);
            await new Promise<void>((r) => {
              wake = r;
            });
          }
        };
        const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`;
        ws.send(open);
        await next((f) => f.includes('<stream:features') || f.includes('<features'));
        ws.send(
          `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa('\0floor\0floor-pass-1')}</auth>`,
        );
        const auth = await next((f) => f.includes('<success') || f.includes('<failure'));
        if (!auth.includes('<success')) throw new Error(`floor: ${auth}`);
        ws.send(open);
        await next((f) => f.includes('bind'));
        ws.send(
          `<iq xmlns="jabber:client" type="set" id="bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>`,
        );
        await next((f) => f.includes('id="bind"') || f.includes("id='bind'"));
        const out: number[] = [];
        // 10 round trips to warm up, then n counted.
        for (let i = 0; i < n + 10; i++) {
          const id = `ping${i}`;
          const t0 = performance.now();
          ws.send(
            `<iq xmlns="jabber:client" type="get" id="${id}" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`,
          );
          await next((f) => f.includes(`'${id}'`) || f.includes(`"${id}"`));
          if (i >= 10) out.push(performance.now() - t0);
        }
        ws.close();
        return out;
      },
      { url: websocketUrl, n: SIZE.latency },
    ),
    120_000,
  );
  if (rtts === 'hung') throw new Error('WebSocket floor: no answer within 120 s');
  store.wsFloor = stats(rtts);

  // Floor 2: a bare IndexedDB bulk write of 10,000 message-like rows, one transaction.
  const idb = await race(
    floorPage.evaluate(async (n) => {
      const times: number[] = [];
      for (let rep = 0; rep < 6; rep++) {
        const name = `floor-${rep}`;
        const db = await new Promise<IDBDatabase>((done, fail) => {
          const req = indexedDB.open(name, 1);
          req.onupgradeneeded = () => req.result.createObjectStore('messages', { keyPath: 'id' });
          req.onsuccess = () => done(req.result);
          req.onerror = () => fail(req.error);
        });
        const rows = Array.from({ length: n }, (_, i) => ({
          id: `m-${rep}-${i}`,
          peer: 'contact0000@localhost',
          at: 1_700_000_000_000 + i * 1000,
          direction: 'in',
          state: 'delivered',
          body: `History message ${String(i).padStart(5, '0')}`,
        }));
        const t0 = performance.now();
        await new Promise<void>((done, fail) => {
          const tx = db.transaction('messages', 'readwrite');
          const store = tx.objectStore('messages');
          for (const r of rows) store.put(r);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
        if (rep > 0) times.push(performance.now() - t0);
        db.close();
        await new Promise((done) => {
          const del = indexedDB.deleteDatabase(name);
          del.onsuccess = del.onerror = del.onblocked = done;
        });
      }
      return times;
    }, SIZE.idbRows),
    120_000,
  );
  if (idb === 'hung') throw new Error('IndexedDB floor: no answer within 120 s');
  store.idbFloor = idb;

  // Floor 3: one small readwrite IndexedDB transaction (put one row, wait for complete), the
  // unit a client pays once per write it does not batch.
  const one = await race(
    floorPage.evaluate(async (n) => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('floor-one', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('rows', { keyPath: 'id' });
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      const out: number[] = [];
      for (let i = 0; i < n + 10; i++) {
        const t0 = performance.now();
        await new Promise<void>((done, fail) => {
          const tx = db.transaction('rows', 'readwrite');
          tx.objectStore('rows').put({ id: i, body: `row ${i}`, at: Date.now() });
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
        if (i >= 10) out.push(performance.now() - t0);
      }
      db.close();
      return out;
    }, SIZE.latency),
    120_000,
  );
  if (one === 'hung') throw new Error('IndexedDB transaction floor: no answer within 120 s');
  store.idbTxFloor = stats(one);
}
