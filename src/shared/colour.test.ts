import { describe, expect, it } from 'vitest';
import { colourAngle, consistentColour, hsluvToRgb } from './colour';
import { sha1, toHex } from './sha1';

describe('sha1', () => {
  it('matches the FIPS 180 examples', () => {
    const hex = (s: string) => toHex(sha1(new TextEncoder().encode(s)));
    expect(hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    const long = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(hex(long)).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
});

describe('XEP-0392 consistent colours', () => {
  // Appendix A test vectors: angle in degrees, and sRGB 0–1 without colour-vision correction.
  const vectors: Array<[string, number, [number, number, number]]> = [
    ['Romeo', 327.255249, [0.865, 0.0, 0.686]],
    ['juliet@capulet.lit', 209.4104, [0.0, 0.515, 0.573]],
    ['\u{1f63a}', 331.199341, [0.872, 0.0, 0.659]],
    ['council', 359.994507, [0.918, 0.0, 0.394]],
    ['Board', 171.430664, [0.0, 0.527, 0.457]],
  ];
  it.each(vectors)('%s has the XEP angle and colour', (input, angle, rgb) => {
    expect(colourAngle(input)).toBeCloseTo(angle, 5);
    const got = hsluvToRgb(colourAngle(input), 100, 50);
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(rgb[i] ?? 0, 3);
  });

  it('under white text, every hue keeps a contrast of at least 4.5:1', () => {
    const lum = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    for (let h = 0; h < 360; h += 5) {
      const [r, g, b] = hsluvToRgb(h, 100, 40);
      const y = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
      expect(1.05 / (y + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives a CSS colour, the same each time', () => {
    expect(consistentColour('Romeo')).toBe('rgb(221 0 175)');
    expect(consistentColour('Romeo')).toBe(consistentColour('Romeo'));
  });
});
