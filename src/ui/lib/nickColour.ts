// XEP-0392 Consistent Color Generation: the same nickname gets the same colour here as in
// Conversations, Dino or Converse.js. The angle comes from SHA-1, the colour from HSLuv, whose
// lightness is perceptual, so every hue reads equally well on one background.
import { Hsluv } from 'hsluv';
import { sha1 } from './sha1';

/** XEP-0392 §5.1: the hue angle in degrees, from the first two bytes of SHA-1, little-endian. */
export function colourAngle(id: string): number {
  const d = sha1(new TextEncoder().encode(id));
  return (((d[0] ?? 0) + (d[1] ?? 0) * 256) / 65536) * 360;
}

/** The sRGB colour (0…1 each) of an HSLuv hue at a saturation and lightness (0…100). */
export function hsluvRgb(
  angle: number,
  saturation: number,
  lightness: number,
): [number, number, number] {
  const c = new Hsluv();
  c.hsluv_h = angle;
  c.hsluv_s = saturation;
  c.hsluv_l = lightness;
  c.hsluvToRgb();
  return [c.rgb_r, c.rgb_g, c.rgb_b];
}

function hex([r, g, b]: [number, number, number]): string {
  const byte = (v: number) =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}

// The XEP's lightness is 50. Adapted for our backgrounds (XEP-0392 §5.3 leaves it to the
// client): 45 on the light theme's white and pale yellow bubbles and 70 on the dark theme's,
// so every hue keeps a text contrast of at least 4.5:1 (checked for all 360 in the test).
export const LIGHT_L = 45;
export const DARK_L = 70;

/** A nickname's (or address's) colour for the light and for the dark theme, as CSS hex. */
export function nickColours(id: string): { light: string; dark: string } {
  const angle = colourAngle(id);
  return { light: hex(hsluvRgb(angle, 100, LIGHT_L)), dark: hex(hsluvRgb(angle, 100, DARK_L)) };
}
