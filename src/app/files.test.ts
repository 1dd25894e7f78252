// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareFile, RESIZE_TO } from './files';

// jsdom decodes no pictures and has no canvas: a fake bitmap of the given size and a canvas
// whose toBlob writes `written` bytes in the asked-for format (or PNG when `cannot` lists it,
// as Chrome does for a format it cannot encode).
let written = 1000;
let cannot: string[] = [];
let asked: string[] = [];

beforeEach(() => {
  written = 1000;
  cannot = [];
  asked = [];
  vi.stubGlobal('createImageBitmap', async () => ({ width: 4000, height: 3000, close() {} }));
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage() {},
  } as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done, type) => {
    asked.push(type ?? '');
    const out = type && !cannot.includes(type) ? type : 'image/png';
    done(new Blob([new Uint8Array(written)], { type: out }));
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function picture(name: string, type: string, size = 50_000) {
  return new File([new Uint8Array(size)], name, { type });
}

describe('prepareFile: the smaller copy of a picture', () => {
  it('keeps a PNG a PNG, under its own name (screenshots keep their transparency)', async () => {
    const { blob, file } = await prepareFile(picture('Screenshot 2026.png', 'image/png'), {
      smaller: true,
    });
    expect(asked).toEqual(['image/png']);
    expect(file).toMatchObject({ name: 'Screenshot 2026.png', mediaType: 'image/png' });
    expect(blob.type).toBe('image/png');
    expect(blob.size).toBe(1000);
    expect(file.size).toBe(1000);
    expect([file.width, file.height]).toEqual([RESIZE_TO, 1200]);
  });

  it('keeps JPEG and WebP in their own format and name', async () => {
    for (const [name, type] of [
      ['photo.jpg', 'image/jpeg'],
      ['sticker.webp', 'image/webp'],
    ] as const) {
      const { blob, file } = await prepareFile(picture(name, type), { smaller: true });
      expect(file).toMatchObject({ name, mediaType: type, width: RESIZE_TO });
      expect(blob.type).toBe(type);
    }
  });

  it('sends the original when the browser cannot write the format', async () => {
    cannot = ['image/webp'];
    const { blob, file } = await prepareFile(picture('sticker.webp', 'image/webp'), {
      smaller: true,
    });
    expect(file).toMatchObject({ name: 'sticker.webp', mediaType: 'image/webp', size: 50_000 });
    expect(blob.size).toBe(50_000);
  });

  it('sends the original when the copy is not smaller', async () => {
    written = 60_000;
    const { blob, file } = await prepareFile(picture('flat.png', 'image/png'), { smaller: true });
    expect(blob.size).toBe(50_000);
    expect(file).toMatchObject({ name: 'flat.png', mediaType: 'image/png', width: 4000 });
  });
});
