import { describe, expect, it } from 'vitest';
import { endOf, newestText, peerJid, scaleCorpus } from './corpus';

const sizes = {
  conversations: 20,
  recent: 15,
  messages: 3000,
  biggest: 600,
  attachEvery: 25,
  days: 365,
};
const now = 1_800_000_000;
const DAY = 24 * 3600;
const c = scaleCorpus(sizes, now, (k) => `http://127.0.0.1:9/files/${k}.png`);

describe('the scale corpus', () => {
  it('has every message, oldest first', () => {
    expect(c.items).toHaveLength(3000);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(3000);
    for (let i = 1; i < c.items.length; i++)
      expect(c.items[i]?.when).toBeGreaterThanOrEqual(c.items[i - 1]?.when ?? 0);
  });

  it('ends each conversation with its own text, alone in its second', () => {
    for (let i = 0; i < sizes.conversations; i++) {
      const mine = c.items.filter((m) => m.with === peerJid(i));
      const last = mine[mine.length - 1];
      expect(last?.body).toBe(newestText(i));
      expect(last?.when).toBe(endOf(sizes, now, i));
      expect(mine.filter((m) => m.when === last?.when)).toHaveLength(1);
    }
  });

  it('lists the last 30 days newest first, the older ones well before the line', () => {
    expect(c.recentNames).toEqual(
      Array.from({ length: 15 }, (_, i) => `Contact ${String(i).padStart(4, '0')}`),
    );
    for (let i = 0; i < 15; i++) expect(endOf(sizes, now, i)).toBeGreaterThan(now - 28 * DAY);
    for (let i = 15; i < 20; i++) expect(endOf(sizes, now, i)).toBeLessThan(now - 31 * DAY);
    expect(c.items[0]?.when).toBeGreaterThanOrEqual(now - 365 * DAY);
    // About 30 of the 365 days' messages are the last 30 days'.
    expect(c.recentMessages).toBeGreaterThan(200);
    expect(c.recentMessages).toBeLessThan(400);
  });

  it('makes conversation 0 the biggest', () => {
    expect(c.counts[0]).toBeGreaterThanOrEqual(600);
    expect(Math.max(...c.counts)).toBe(c.counts[0]);
  });

  it('shares files as Parley does (body = the out-of-band URL), never as a newest message', () => {
    const files = c.items.filter((m) => m.oob);
    expect(files.length).toBe(c.files);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(f.body).toBe(f.oob);
    expect(files.some((f) => f.id.startsWith('last'))).toBe(false);
  });

  it('mixes Chinese and English, from both sides', () => {
    const bodies = c.items.filter((m) => !m.oob).map((m) => m.body ?? '');
    expect(bodies.filter((b) => /[\u4e00-\u9fff]/.test(b)).length).toBeGreaterThan(1000);
    expect(bodies.filter((b) => /^[\x20-\x7e]+$/.test(b)).length).toBeGreaterThan(800);
    const ours = c.items.filter((m) => m.from.startsWith('bench@')).length;
    expect(Math.abs(ours - 1000)).toBeLessThan(20);
  });
});
