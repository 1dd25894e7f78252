// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { QUICK_REACTIONS } from '../actions/MessageMenu';
import { emojiByChar, emojiGroups, searchEmoji } from './emoji';

describe('the emoji picker set', () => {
  it('holds a few hundred emoji in eight categories, each named in the three languages', () => {
    const groups = emojiGroups();
    expect(groups.map((g) => g.key)).toEqual([
      'smileys',
      'people',
      'animals',
      'food',
      'travel',
      'activities',
      'objects',
      'symbols',
    ]);
    const all = groups.flatMap((g) => g.emoji);
    expect(all.length).toBeGreaterThan(300);
    expect(new Set(all.map((e) => e.char)).size).toBe(all.length);
    for (const e of all) {
      expect(e.names.en, e.char).not.toBe('');
      expect(e.names['zh-CN'], e.char).not.toBe('');
      expect(e.names['zh-TW'], e.char).not.toBe('');
    }
  });

  it('spells the quick row the same way, so a reaction from either is one reaction', () => {
    for (const q of QUICK_REACTIONS) expect(emojiByChar(q), q).toBeDefined();
    // No variation selector after an emoji that shows as one by itself (👍 not 👍️).
    expect(emojiByChar('👍')?.names.en).toBe('thumbs up');
  });

  it('finds by English, Simplified or Traditional Chinese names and keywords, folded', () => {
    expect(searchEmoji('thumbs up')[0]?.char).toBe('👍');
    expect(searchEmoji('ＴＨＵＭＢＳ').map((e) => e.char)).toContain('👍');
    expect(searchEmoji('猫').map((e) => e.char)).toContain('🐱');
    expect(searchEmoji('貓').map((e) => e.char)).toContain('🐱');
    expect(searchEmoji('laugh').map((e) => e.char)).toContain('😂');
    expect(searchEmoji('heart red').map((e) => e.char)).toContain('❤️');
    expect(searchEmoji('zzzzqqq')).toEqual([]);
    expect(searchEmoji('  ')).toEqual([]);
  });
});
