// XEP-0392 consistent colour generation (version 1.0): a string (a JID, a nickname) maps to a
// hue from its SHA-1, then to an RGB colour through HSLuv at saturation 100 and lightness 50,
// so every client that follows the XEP paints the same person the same colour.
import { sha1 } from './sha1';

/** §5.1: the first two bytes of SHA-1(UTF-8), little-endian, as an angle in degrees. */
export function colourAngle(input: string): number {
  const h = sha1(new TextEncoder().encode(input));
  return (((h[0] ?? 0) | ((h[1] ?? 0) << 8)) / 65536) * 360;
}

// HSLuv (www.hsluv.org), the part needed to go from a hue to sRGB.
const M = [
  [3.240969941904521, -1.537383177570093, -0.498610760293],
  [-0.96924363628087, 1.87596750150772, 0.041555057407175],
  [0.055630079696993, -0.20397695888897, 1.056971514242878],
] as const;
const REF_U = 0.19783000664283;
const REF_V = 0.46831999493879;
const KAPPA = 903.2962962;
const EPSILON = 0.0088564516;

/** The largest chroma that stays inside sRGB at lightness `l` and hue `hDeg`. */
function maxChroma(l: number, hDeg: number): number {
  const hrad = (hDeg / 360) * 2 * Math.PI;
  const sub1 = (l + 16) ** 3 / 1560896;
  const sub2 = sub1 > EPSILON ? sub1 : l / KAPPA;
  let min = Number.POSITIVE_INFINITY;
  for (const [m1, m2, m3] of M) {
    for (const t of [0, 1]) {
      const top1 = (284517 * m1 - 94839 * m3) * sub2;
      const top2 = (838422 * m3 + 769860 * m2 + 731718 * m1) * l * sub2 - 769860 * t * l;
      const bottom = (632260 * m3 - 126452 * m2) * sub2 + 126452 * t;
      const len = top2 / bottom / (Math.sin(hrad) - (top1 / bottom) * Math.cos(hrad));
      if (len >= 0 && len < min) min = len;
    }
  }
  return min;
}

const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** HSLuv (h in degrees, s and l 0–100) to sRGB components 0–1. */
export function hsluvToRgb(h: number, s: number, l: number): [number, number, number] {
  const c = (maxChroma(l, h) / 100) * s;
  const hrad = (h / 360) * 2 * Math.PI;
  const u = Math.cos(hrad) * c;
  const v = Math.sin(hrad) * c;
  const varU = u / (13 * l) + REF_U;
  const varV = v / (13 * l) + REF_V;
  const y = l <= 8 ? l / KAPPA : ((l + 16) / 116) ** 3;
  const x = -(9 * y * varU) / ((varU - 4) * varV - varU * varV);
  const z = (9 * y - 15 * varV * y - varV * x) / (3 * varV);
  const clamp = (n: number) => Math.min(1, Math.max(0, n));
  const [r, g, b] = M.map((row) => clamp(fromLinear(row[0] * x + row[1] * y + row[2] * z)));
  return [r ?? 0, g ?? 0, b ?? 0];
}

/**
 * §5.2–5.4 without colour-vision correction: the person's colour as CSS `rgb()`. The XEP's
 * lightness is 50; a background under white text takes 40 (HSLuv lightness is CIE L*, so
 * every hue then gives white text a contrast of about 6.5:1, above WCAG's 4.5:1).
 */
export function consistentColour(input: string, lightness = 50): string {
  const [r, g, b] = hsluvToRgb(colourAngle(input), 100, lightness);
  return `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
}
