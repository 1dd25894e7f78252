import { describe, expect, it } from 'vitest';
import { bestPresenceByJid } from './queries';

const p = (
  jid: string,
  resource: string,
  show: 'online' | 'away' | 'dnd' | 'xa',
  priority: number,
) => ({
  jid,
  resource,
  show,
  priority,
  at: 0,
});

describe('a contact shown by their best resource', () => {
  it('prefers higher priority, then the most available, per contact', () => {
    const best = bestPresenceByJid([
      p('ann@x', 'phone', 'away', 5),
      p('ann@x', 'laptop', 'online', 0),
      p('ben@x', 'a', 'xa', 0),
      p('ben@x', 'b', 'dnd', 0),
      p('ben@x', 'c', 'away', 0),
    ]);
    expect(best.get('ann@x')?.resource).toBe('phone');
    expect(best.get('ben@x')?.resource).toBe('b');
    expect(best.get('cat@x')).toBeUndefined();
  });
});
