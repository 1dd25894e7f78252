import { describe, expect, it, vi } from 'vitest';
import { joinElection, someoneLeads } from './leader';
import { fakeLocks } from './session/testing';

describe('joinElection', () => {
  it('lets the lock go when released while its leader was still starting', async () => {
    const locks = fakeLocks();
    let started: () => void = () => {};
    const starting = new Promise<void>((r) => {
      started = r;
    });
    const first = joinElection('lead', () => starting, locks);
    expect(first.isLeader()).toBe(true);
    first.release(); // a sign-out right after the start, before onLeader is done
    started();
    const second = joinElection('lead', () => {}, locks);
    await vi.waitFor(() => expect(second.isLeader()).toBe(true));
    expect(first.isLeader()).toBe(false);
    second.release();
  });

  it('keeps the lock while leading, and hands it on at release', async () => {
    const locks = fakeLocks();
    const first = joinElection('lead', () => {}, locks);
    const second = joinElection('lead', () => {}, locks);
    await vi.waitFor(() => expect(first.isLeader()).toBe(true));
    expect(second.isLeader()).toBe(false);
    first.release();
    await vi.waitFor(() => expect(second.isLeader()).toBe(true));
    second.release();
  });
});

describe('someoneLeads', () => {
  it('says whether a tab holds the lead now, by the lock of that name only', async () => {
    const locks = fakeLocks();
    expect(await someoneLeads('lead', locks)).toBe(false);
    const leader = joinElection('lead', () => {}, locks);
    await vi.waitFor(() => expect(leader.isLeader()).toBe(true));
    expect(await someoneLeads('lead', locks)).toBe(true);
    expect(await someoneLeads('other', locks)).toBe(false);
    leader.release();
    await vi.waitFor(async () => expect(await someoneLeads('lead', locks)).toBe(false));
  });

  it('without Web Locks every tab leads, so none leads before this one', async () => {
    expect(await someoneLeads('lead', undefined)).toBe(false);
  });
});
