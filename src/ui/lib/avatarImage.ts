// Our picture before it is published: the largest centred square of the chosen image, drawn
// at AVATAR_PX on a canvas and encoded as PNG (or JPEG when that is much smaller, as photos
// are), so what contacts fetch is small and square whatever was picked.

export const AVATAR_PX = 192;
/** What can be picked: larger files are refused before decoding. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export interface Crop {
  /** The square of the source, in its pixels. */
  x: number;
  y: number;
  side: number;
}

/** The centred square of a width × height image. */
export function centreSquare(width: number, height: number): Crop {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/** The smallest square that can be chosen, as a share of the picture's shorter side. */
const MIN_CROP_SHARE = 0.2;

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

/** `crop` moved by (dx, dy) source pixels, kept inside the width × height picture. */
export function moveCrop(crop: Crop, dx: number, dy: number, width: number, height: number): Crop {
  return {
    side: crop.side,
    x: Math.round(clamp(crop.x + dx, 0, width - crop.side)),
    y: Math.round(clamp(crop.y + dy, 0, height - crop.side)),
  };
}

/** The sides a crop of a width × height picture may have. */
export function cropSides(width: number, height: number): { min: number; max: number } {
  const max = Math.min(width, height);
  return { min: Math.max(1, Math.round(max * MIN_CROP_SHARE)), max };
}

/** `crop` with another side, about the same centre, kept inside the picture. */
export function resizeCrop(crop: Crop, side: number, width: number, height: number): Crop {
  const { min, max } = cropSides(width, height);
  const s = Math.round(clamp(side, min, max));
  const cx = crop.x + crop.side / 2;
  const cy = crop.y + crop.side / 2;
  return moveCrop({ side: s, x: cx - s / 2, y: cy - s / 2 }, 0, 0, width, height);
}

function encode(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((done, fail) =>
    canvas.toBlob((b) => (b ? done(b) : fail(new Error('not encoded'))), type, quality),
  );
}

export async function cropAvatar(
  file: Blob,
  crop?: Crop,
): Promise<{ bytes: Uint8Array; type: 'image/png' | 'image/jpeg'; width: number; height: number }> {
  if (file.size > MAX_SOURCE_BYTES) throw new Error('too-large');
  const bitmap = await createImageBitmap(file);
  try {
    const c = crop ?? centreSquare(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = AVATAR_PX;
    canvas.height = AVATAR_PX;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap, c.x, c.y, c.side, c.side, 0, 0, AVATAR_PX, AVATAR_PX);
    const png = await encode(canvas, 'image/png');
    const jpeg = await encode(canvas, 'image/jpeg', 0.85);
    const pick = jpeg.size * 2 < png.size ? jpeg : png;
    return {
      bytes: new Uint8Array(await pick.arrayBuffer()),
      type: pick === jpeg ? 'image/jpeg' : 'image/png',
      width: AVATAR_PX,
      height: AVATAR_PX,
    };
  } finally {
    bitmap.close();
  }
}
