import { describe, expect, it } from 'vitest';
import { centreSquare, moveCrop, resizeCrop } from './avatarImage';

describe('the avatar crop', () => {
  it('starts as the largest centred square', () => {
    expect(centreSquare(320, 200)).toEqual({ x: 60, y: 0, side: 200 });
    expect(centreSquare(100, 300)).toEqual({ x: 0, y: 100, side: 100 });
  });

  it('moves within the picture and stops at its edges', () => {
    const c = centreSquare(320, 200);
    expect(moveCrop(c, 30, 0, 320, 200)).toEqual({ x: 90, y: 0, side: 200 });
    expect(moveCrop(c, 500, 40, 320, 200)).toEqual({ x: 120, y: 0, side: 200 });
    expect(moveCrop(c, -500, -40, 320, 200)).toEqual({ x: 0, y: 0, side: 200 });
  });

  it('resizes about its centre, between a fifth of the shorter side and all of it', () => {
    const c = centreSquare(320, 200);
    expect(resizeCrop(c, 100, 320, 200)).toEqual({ x: 110, y: 50, side: 100 });
    expect(resizeCrop(c, 5, 320, 200)).toEqual({ x: 140, y: 80, side: 40 });
    expect(resizeCrop(c, 900, 320, 200)).toEqual({ x: 60, y: 0, side: 200 });
    // Grown near an edge, it is pushed back inside.
    const corner = { x: 0, y: 0, side: 40 };
    expect(resizeCrop(corner, 120, 320, 200)).toEqual({ x: 0, y: 0, side: 120 });
  });
});
