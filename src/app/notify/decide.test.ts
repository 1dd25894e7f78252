import { describe, expect, it } from 'vitest';
import { countedUnread, decideNotify, isMuted, type NotifyInput } from './decide';

const NOW = 1_000_000;
const base: NotifyInput = {
  leader: true,
  permission: 'granted',
  prefs: {},
  mute: undefined,
  visible: false,
  focused: false,
  openPeer: null,
  peer: 'bob@x.org',
  kind: 'chat',
  mention: false,
  now: NOW,
};
const decide = (change: Partial<NotifyInput>) => decideNotify({ ...base, ...change });

describe('notify or not', () => {
  it('notifies, with the sound, for a message while the page is hidden', () => {
    expect(decide({})).toEqual({ notify: true, sound: true });
  });

  it('notifies while the page shows another conversation but another window has the focus', () => {
    expect(decide({ visible: true, openPeer: 'carol@x.org' })).toEqual({
      notify: true,
      sound: true,
    });
  });

  it('stays quiet in a tab that is not the leader: one notification per browser', () => {
    expect(decide({ leader: false })).toEqual({ notify: false, reason: 'not-leader' });
  });

  it('stays quiet while the person is in Parley, or has that conversation on screen', () => {
    expect(decide({ visible: true, focused: true })).toMatchObject({ reason: 'looking' });
    expect(decide({ visible: true, openPeer: 'bob@x.org' })).toMatchObject({ reason: 'looking' });
  });

  it('follows do not disturb, and a mute while it lasts', () => {
    expect(decide({ prefs: { dnd: true } })).toMatchObject({ reason: 'dnd' });
    expect(decide({ mute: { mode: 'muted', until: null } })).toMatchObject({ reason: 'muted' });
    expect(decide({ mute: { mode: 'muted', until: NOW + 1 } })).toMatchObject({ reason: 'muted' });
    expect(decide({ mute: { mode: 'muted', until: NOW } })).toEqual({ notify: true, sound: true });
  });

  it('a room on mentions only notifies for a message that names us', () => {
    const mute = { mode: 'mentions' } as const;
    expect(decide({ kind: 'room', mute })).toMatchObject({ reason: 'not-mentioned' });
    expect(decide({ kind: 'room', mute, mention: true })).toEqual({ notify: true, sound: true });
  });

  it('without the browser’s permission, offers it in the app unless the person said not now', () => {
    expect(decide({ permission: 'default' })).toEqual({
      notify: false,
      reason: 'not-allowed',
      offer: true,
    });
    expect(decide({ permission: 'default', prefs: { offerDismissed: true } })).toMatchObject({
      offer: false,
    });
    expect(decide({ permission: 'denied' })).toEqual({ notify: false, reason: 'not-allowed' });
    expect(decide({ permission: 'unsupported' })).toMatchObject({ reason: 'unsupported' });
  });

  it('follows the Settings switch and the sound setting', () => {
    expect(decide({ prefs: { off: true } })).toMatchObject({ reason: 'turned-off' });
    expect(decide({ prefs: { silent: true } })).toEqual({ notify: true, sound: false });
  });
});

describe('counts', () => {
  const conv = { peer: 'room@muc.x.org', unread: 7, mentions: 2, kind: 'room' };
  it('leaves out a muted conversation, and counts only mentions of a mentions-only room', () => {
    expect(countedUnread(conv, undefined, NOW)).toBe(7);
    expect(countedUnread(conv, { mode: 'muted', until: null }, NOW)).toBe(0);
    expect(countedUnread(conv, { mode: 'mentions' }, NOW)).toBe(2);
    expect(countedUnread(conv, { mode: 'muted', until: NOW - 1 }, NOW)).toBe(7);
  });
  it('a timed mute lapses by itself', () => {
    expect(isMuted({ mode: 'muted', until: NOW + 10 }, NOW)).toBe(true);
    expect(isMuted({ mode: 'muted', until: NOW + 10 }, NOW + 10)).toBe(false);
  });
});
