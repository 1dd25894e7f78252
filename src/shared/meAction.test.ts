import { describe, expect, it } from 'vitest';
import { meAction } from './meAction';

describe('meAction (XEP-0245)', () => {
  it('reads the action after "/me "', () => {
    expect(meAction('/me waves')).toBe('waves');
    expect(meAction('/me shrugs at *everyone*\nand leaves')).toBe(
      'shrugs at *everyone*\nand leaves',
    );
  });

  it('is no action anywhere else or in another form', () => {
    expect(meAction('I typed /me waves')).toBeNull();
    expect(meAction(' /me waves')).toBeNull();
    expect(meAction('/ME waves')).toBeNull();
    expect(meAction('/mewaves')).toBeNull();
    expect(meAction('/me')).toBeNull();
    expect(meAction('/me   ')).toBeNull();
  });
});
