import { describe, expect, it } from 'vitest';
import { sha1 } from '../../shared/sha1';
import { colourAngle, DARK_L, hsluvRgb, LIGHT_L, nickColours } from './nickColour';

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('sha1', () => {
  it('matches the FIPS 180 examples', () => {
    expect(hexOf(sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hexOf(sha1(utf8('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hexOf(sha1(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(hexOf(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      '34aa973cd4c4daa4f61eeb2bdbad27316534016f',
    );
  });
});

describe('XEP-0392 test vectors (no colour vision deficiency correction)', () => {
  const vectors: [string, number, [number, number, number]][] = [
    ['Romeo', 327.255249, [0.865, 0.0, 0.686]],
    ['juliet@capulet.lit', 209.4104, [0.0, 0.515, 0.573]],
    ['😺', 331.199341, [0.872, 0.0, 0.659]],
    ['council', 359.994507, [0.918, 0.0, 0.394]],
  ];
  it.each(vectors)('%s', (id, angle, rgb) => {
    expect(colourAngle(id)).toBeCloseTo(angle, 5);
    const got = hsluvRgb(colourAngle(id), 100, 50);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(rgb[i] ?? -1, 2);
    });
  });
});

/** WCAG 2 contrast ratio between two sRGB colours given as #rrggbb. */
function contrast(a: string, b: string): number {
  const lum = (h: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('colours adapted to the backgrounds', () => {
  it('gives one nickname the same colours every time, and others other ones', () => {
    expect(nickColours('Romeo')).toEqual(nickColours('Romeo'));
    expect(nickColours('Romeo').light).not.toBe(nickColours('Juliet').light);
  });

  it('keeps 4.5:1 on the light and dark bubbles for every hue', () => {
    for (let angle = 0; angle < 360; angle++) {
      const toHex = (l: number) =>
        `#${hsluvRgb(angle, 100, l)
          .map((v) =>
            Math.round(Math.min(1, Math.max(0, v)) * 255)
              .toString(16)
              .padStart(2, '0'),
          )
          .join('')}`;
      // --theirs and --mention (light), --theirs and --mention (dark), from styles/app.css.
      for (const bg of ['#ffffff', '#fff4d6'])
        expect(contrast(toHex(LIGHT_L), bg)).toBeGreaterThanOrEqual(4.5);
      for (const bg of ['#262a30', '#3a3118'])
        expect(contrast(toHex(DARK_L), bg)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
