import { describe, expect, it } from 'vitest';
import { availability, nextOpening, parseHours, parseTimeZone } from './availability';

// 2026-12-07 is a Monday. 01:30 UTC is 09:30 in Shanghai (UTC+8, no daylight saving).
const MONDAY_0930_SHANGHAI = new Date('2026-12-07T01:30:00Z');
const SH = 'Asia/Shanghai';

describe('parseHours', () => {
  it('reads days, ranges of days, daily, several times, and ranges past midnight', () => {
    const h = parseHours('Mon-Fri 09:00-12:00 13:00-18:00; sat 10:00-14:00, daily 22:00-02:00');
    expect(h?.[1]).toEqual([
      [0, 120],
      [540, 720],
      [780, 1080],
      [1320, 1440],
    ]);
    expect(h?.[6]).toEqual([
      [0, 120],
      [600, 840],
      [1320, 1440],
    ]);
    expect(h?.[0]).toEqual([
      [0, 120],
      [1320, 1440],
    ]);
    // A range of days wraps over the week's end.
    expect(parseHours('fri-mon 10:00-11:00')?.map((d) => d.length)).toEqual([1, 1, 0, 0, 0, 1, 1]);
    expect(parseHours('daily 00:00-24:00')?.[3]).toEqual([[0, 1440]]);
  });

  it('leaves out what does not parse, and gives null when nothing is left', () => {
    expect(parseHours('mon 09:00-18:00; someday 10:00-11:00; tue 25:00-26:00')?.[1]).toEqual([
      [540, 1080],
    ]);
    for (const bad of ['', 'always', 'mon', 'mon 9-5', 'mon 10:00-10:00', 42, null, {}])
      expect(parseHours(bad)).toBeNull();
    expect(parseHours(`mon 09:00-10:00;${' '.repeat(300)}`)).toBeNull();
  });
});

describe('parseTimeZone', () => {
  it('takes a zone the browser knows and nothing else', () => {
    expect(parseTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(parseTimeZone('Mars/Olympus')).toBeNull();
    expect(parseTimeZone('</style>')).toBeNull();
    expect(parseTimeZone(8)).toBeNull();
  });
});

describe('nextOpening', () => {
  const week = parseHours('mon-fri 09:00-18:00; sat 10:00-14:00');
  if (!week) throw new Error('hours did not parse');

  it('is open within the hours, in the shop’s zone rather than the shopper’s', () => {
    expect(nextOpening(MONDAY_0930_SHANGHAI, week, SH)).toBe('open');
    // The same instant is Sunday evening in New York: closed there, open on Monday at nine.
    const ny = nextOpening(MONDAY_0930_SHANGHAI, week, 'America/New_York');
    expect(ny).toEqual(new Date('2026-12-07T14:00:00Z'));
  });

  it('gives the next opening later today, tomorrow, or after the weekend', () => {
    // Monday 08:00 in Shanghai: at 09:00 the same day.
    expect(nextOpening(new Date('2026-12-07T00:00:00Z'), week, SH)).toEqual(
      new Date('2026-12-07T01:00:00Z'),
    );
    // Monday 19:00: Tuesday 09:00.
    expect(nextOpening(new Date('2026-12-07T11:00:00Z'), week, SH)).toEqual(
      new Date('2026-12-08T01:00:00Z'),
    );
    // Saturday 15:00: Monday 09:00.
    expect(nextOpening(new Date('2026-12-12T07:00:00Z'), week, SH)).toEqual(
      new Date('2026-12-14T01:00:00Z'),
    );
  });

  it('ends a range at its last minute: 18:00 is closed', () => {
    expect(nextOpening(new Date('2026-12-07T09:59:00Z'), week, SH)).toBe('open');
    expect(nextOpening(new Date('2026-12-07T10:00:00Z'), week, SH)).toEqual(
      new Date('2026-12-08T01:00:00Z'),
    );
  });
});

describe('availability', () => {
  const week = parseHours('mon-fri 09:00-18:00');
  const sunday = new Date('2026-12-06T04:00:00Z'); // Sunday noon in Shanghai

  it('says an agent is here when one in the room is available, whatever the hours', () => {
    const agents = [
      { nick: 'ann', show: 'away' },
      { nick: 'bo', show: 'online' },
    ];
    expect(availability(sunday, agents, week, SH)).toEqual({ kind: 'here' });
  });

  it('names an agent who is in the room but away or busy', () => {
    expect(availability(sunday, [{ nick: 'ann', show: 'dnd' }], week, SH)).toEqual({
      kind: 'away',
      name: 'ann',
    });
  });

  it('with nobody in the room: open within the hours or without any, else closed until when', () => {
    expect(availability(MONDAY_0930_SHANGHAI, [], week, SH)).toEqual({ kind: 'open' });
    expect(availability(sunday, [], null, SH)).toEqual({ kind: 'open' });
    expect(availability(sunday, [], week, SH)).toEqual({
      kind: 'closed',
      opens: new Date('2026-12-07T01:00:00Z'),
    });
  });
});
