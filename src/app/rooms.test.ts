import { describe, expect, it } from 'vitest';
import { privateOf } from './rooms';

describe('a private conversation with someone in a room', () => {
  it('is known by the kind stored on the conversation, never guessed from the address', () => {
    expect(privateOf('private', 'team@muc.x.org/ann')).toEqual({
      room: 'team@muc.x.org',
      nick: 'ann',
    });
    // A nick may hold a slash: only the first one ends the room's address.
    expect(privateOf('private', 'team@muc.x.org/a/b')).toEqual({
      room: 'team@muc.x.org',
      nick: 'a/b',
    });
    expect(privateOf('contact', 'team@muc.x.org/ann')).toBeNull();
    expect(privateOf('room', 'team@muc.x.org')).toBeNull();
    // Not read yet: nothing is assumed.
    expect(privateOf(undefined, 'team@muc.x.org/ann')).toBeNull();
  });
});
