import { describe, expect, it } from 'vitest';
import { createStore } from './results';
import { buildTable, type Row } from './table';

const rows: Row[] = [
  {
    key: 'chatList',
    scenario: 'S1. list',
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
    converseCannot: 'no such list',
  },
  {
    key: 'switch',
    scenario: 'S4. switch',
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
];

describe('a table with its own rows', () => {
  const store = createStore();
  const s = store.series('scale');
  s.parley.chatList.push({ value: 1000 }, { value: 3000 });
  s.converse.chatList.push({ value: 1 }); // never shown: Converse.js cannot do it
  s.parley.switch.push({ value: 600 });
  s.converse.switch.push({ value: 1000 });
  const { markdown, misses } = buildTable(store, 'scale', false, rows);
  const line = (name: string) => markdown.split('\n').find((l) => l.startsWith(`| ${name}`)) ?? '';

  it('says why a client could not, and judges no ratio there', () => {
    expect(line('S1.')).toContain('| 2000 [1000–3000] | could not: no such list | — |');
    expect(line('S1.')).toContain('not judged: no Converse.js figure');
  });

  it('names a missed ratio', () => {
    expect(line('S4.')).toContain('| 0.600 | ≤ 0.5× | MISS |');
    expect(misses).toEqual(['S4. switch']);
  });

  it('has only the rows asked for', () => {
    expect(markdown.split('\n')).toHaveLength(4);
  });
});
