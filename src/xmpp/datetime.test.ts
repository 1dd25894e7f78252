import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime } from './datetime';

describe('parseDateTime', () => {
  it('reads XEP-0082 DateTimes in UTC and with offsets', () => {
    expect(parseDateTime('2002-09-10T23:08:25Z')?.toISOString()).toBe('2002-09-10T23:08:25.000Z');
    expect(parseDateTime('2002-09-10T23:08:25.123456Z')?.toISOString()).toBe(
      '2002-09-10T23:08:25.123Z',
    );
    expect(parseDateTime('2002-09-10T23:08:25-05:30')?.toISOString()).toBe(
      '2002-09-11T04:38:25.000Z',
    );
  });

  it('keeps years below 100 as written', () => {
    expect(parseDateTime('0050-01-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
  });

  it.each([
    undefined,
    '',
    'yesterday',
    '2002-09-10',
    '2002-09-10 23:08:25Z',
    '2002-09-10T23:08:25', // no zone: ambiguous
    '2024-02-30T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-00-10T00:00:00Z',
    '2023-01-01T24:00:00Z',
    '2023-01-01T00:00:00+25:00',
    'Tue, 10 Sep 2002 23:08:25 GMT',
  ])('refuses %j', (s) => {
    expect(parseDateTime(s)).toBeUndefined();
  });
});

describe('formatDateTime', () => {
  it('round-trips through parseDateTime', () => {
    const d = new Date('2020-02-29T12:34:56.789Z');
    expect(parseDateTime(formatDateTime(d))?.getTime()).toBe(d.getTime());
  });
  it('gives undefined for an invalid Date instead of throwing', () => {
    expect(formatDateTime(new Date(Number.NaN))).toBeUndefined();
  });
});
