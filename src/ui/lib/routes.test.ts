import { describe, expect, it } from 'vitest';
import { chatPath, placeOf, roomPath } from './routes';

describe('routes', () => {
  it('round-trips addresses, a private chat with its slash too', () => {
    for (const jid of ['alice@example.com', 'lounge@muc.example.com/Bob Smith', 'a%b@x.org']) {
      expect(placeOf(chatPath(jid))).toEqual({ view: 'chat', jid });
      expect(placeOf(roomPath(jid))).toEqual({ view: 'room', jid });
    }
    expect(chatPath('alice@example.com')).toBe('/chat/alice@example.com');
  });

  it('reads anything else as the list', () => {
    for (const p of ['/', '', '/chat', '/chat/%E4', '/chat/nobody', '/nowhere/a@b', '/open/x'])
      expect(placeOf(p), p).toEqual({ view: 'list' });
    expect(placeOf('/open')).toEqual({ view: 'open' });
  });

  it('reads the share target landing, and nothing below it', () => {
    expect(placeOf('/share')).toEqual({ view: 'share' });
    expect(placeOf('/share/x')).toEqual({ view: 'list' });
  });
});
