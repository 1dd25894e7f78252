import { describe, expect, it } from 'vitest';
import { initials } from './Avatar';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Juliet Capulet')).toBe('JC');
    expect(initials('romeo')).toBe('R');
    expect(initials('anna.lee')).toBe('AL');
    expect(initials('  ')).toBe('?');
  });
  it('keeps a character outside the BMP whole', () => {
    expect(initials('😺 cat')).toBe('😺C');
    expect(initials('王小明')).toBe('王');
  });
});
