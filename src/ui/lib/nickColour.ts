// XEP-0392 Consistent Color Generation: the same nickname gets the same colour here as in
// Conversations, Dino or Converse.js. The angle comes from SHA-1, the colour from HSLuv, whose
// lightness is perceptual, so every hue reads equally well on one background.
import { colourAngle, hsluvToRgb } from '../../shared/colour';

// One XEP-0392 implementation serves the app (src/shared/colour.ts, also behind avatars'
// initials); this module only picks the lightness for each theme's bubbles.
export { colourAngle };
export const hsluvRgb = (angle: number, saturation: number, lightness: number) =>
  hsluvToRgb(angle, saturation, lightness);

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
