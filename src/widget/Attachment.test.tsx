// @vitest-environment jsdom
// A file in the widget's conversation, as the shopper sees it. The core's file functions are
// stand-ins: this is about what is drawn, not about uploads.
import { render } from 'solid-js/web';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadRow } from '../app/files';
import type { Message } from '../app/queries';
import type { FileRow } from './core';
import { loadText, type Translate } from './text';

/** A loaded machine delays a render past vi.waitFor's 1 s default. */
const waitFor = <T,>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

const files = vi.hoisted(() => ({
  upload: undefined as unknown,
  loadMedia: null as unknown as (url: string) => Promise<Blob>,
  cancelUpload: null as unknown as (id: string) => Promise<void>,
}));
vi.mock('../app/live', () => ({
  liveQuery: (fn: () => Promise<unknown>) => ({
    subscribe(o: { next: (v: unknown) => void }) {
      void fn().then((v) => o.next(v));
      return { unsubscribe() {} };
    },
  }),
}));

const { Attachment } = await import('./Attachment');
const { createLive } = await import('../ui/lib/live');
const { isInlineSafeType } = await import('../shared/fileNames');

/** The core's file functions (core.ts, fileRow), with the app's file layer replaced. */
const fileRow: FileRow = {
  upload: (id) =>
    createLive(() => (id() ? () => Promise.resolve(files.upload as UploadRow) : null), undefined),
  cancelUpload: (id) => files.cancelUpload(id),
  isInlineSafeType,
  loadMedia: (url) => files.loadMedia(url),
  saveBlob: () => {},
};

let t: Translate;
beforeAll(async () => {
  t = await loadText('en');
});
let el: HTMLElement;
let dispose: () => void;
beforeEach(() => {
  files.upload = undefined;
  files.loadMedia = vi.fn(async () => new Blob([new Uint8Array(10)], { type: 'image/png' }));
  files.cancelUpload = vi.fn(async () => {});
  let n = 0;
  URL.createObjectURL = vi.fn(() => `blob:test/${++n}`);
  URL.revokeObjectURL = vi.fn();
  const hostEl = document.createElement('div');
  document.body.append(hostEl);
  const shadow = hostEl.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = []; // as the loader leaves it (jsdom starts with none)
  el = document.createElement('div');
  shadow.append(el);
});
afterEach(() => {
  dispose?.();
  document.body.replaceChildren();
});

function show(
  message: Partial<Message> & { file: NonNullable<Message['file']> },
  shown = new Map<string, Blob>(),
) {
  const m = { id: 'm1', peer: 'room@muc', direction: 'in', body: '', at: 1, ...message };
  dispose = render(
    () => <Attachment message={m as Message} t={t} lang="en" files={fileRow} shown={shown} />,
    el,
  );
  const root = el.getRootNode() as ShadowRoot;
  return { root, button: (name: string) => root.querySelector(`[aria-label="${name}"]`) };
}

describe('a file in the widget', () => {
  it("shows the team's picture by itself, at its stored size scaled to the panel", async () => {
    const { button, root } = show({
      file: {
        kind: 'image',
        name: 'reply.png',
        mediaType: 'image/png',
        url: 'https://up.example/reply.png',
        width: 600,
        height: 400,
      },
    });
    const thumb = button('Open reply.png') as HTMLButtonElement;
    // Sized before the bytes are in: nothing moves when they arrive.
    expect(thumb.style.width).toBe('220px');
    expect(thumb.style.aspectRatio).toBe('220 / 147');
    await waitFor(() => expect(thumb.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/));
    expect(files.loadMedia).toHaveBeenCalledWith('https://up.example/reply.png');
    const img = thumb.querySelector('img');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['220', '147']);
    // Its styles come with it, into the panel's shadow root.
    expect(root.adoptedStyleSheets).toHaveLength(1);
  });

  it('opens a picture larger over the panel; Esc closes it and the focus is back on it', async () => {
    const { button, root } = show({
      file: { kind: 'image', name: 'a.png', mediaType: 'image/png', url: 'https://up/a.png' },
    });
    const thumb = button('Open a.png') as HTMLButtonElement;
    await waitFor(() => expect(thumb.disabled).toBe(false));
    thumb.click();
    const dialog = root.querySelector('[role=dialog]') as HTMLElement;
    expect(dialog.getAttribute('aria-label')).toBe('a.png, full size');
    expect(root.activeElement?.getAttribute('aria-label')).toBe('Close');
    // The panel's own Esc (close the whole panel) must not hear it.
    const panelHeard = vi.fn();
    el.addEventListener('keydown', panelHeard);
    root.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    expect(root.querySelector('[role=dialog]')).toBeNull();
    expect(panelHeard).not.toHaveBeenCalled();
    expect(root.activeElement).toBe(thumb);
  });

  it('never shows an SVG inline: a card to download, its name as text', async () => {
    const { button, root } = show({
      file: {
        kind: 'image',
        name: '<img src=x onerror=alert(1)>.svg',
        mediaType: 'image/svg+xml',
        url: 'https://up/x.svg',
        size: 1536,
      },
    });
    expect(root.querySelector('img')).toBeNull();
    expect(files.loadMedia).not.toHaveBeenCalled();
    expect(root.querySelector('.file-name')?.textContent).toBe('<img src=x onerror=alert(1)>.svg');
    expect(root.querySelector('.file-meta')?.textContent).toBe('1.5 KB · image/svg+xml');
    expect(button('Download <img src=x onerror=alert(1)>.svg')).not.toBeNull();
  });

  it("shows the shopper's own upload from its bytes, with progress and cancel", async () => {
    files.upload = {
      id: 'm1',
      blob: new Blob([new Uint8Array(200)], { type: 'image/png' }),
      state: 'uploading',
      sent: 100,
    };
    const { button, root } = show({
      direction: 'out',
      file: { kind: 'image', name: 'crack.png', mediaType: 'image/png', width: 100, height: 50 },
    });
    await waitFor(() => expect(root.querySelector('progress')).not.toBeNull());
    expect(root.querySelector('progress')?.getAttribute('aria-label')).toBe(
      'Uploading crack.png: 50%',
    );
    expect(root.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    expect(files.loadMedia).not.toHaveBeenCalled();
    (button('Cancel upload of crack.png') as HTMLButtonElement).click();
    expect(files.cancelUpload).toHaveBeenCalledWith('m1');
  });

  it('a failed upload shows no progress (the row says "Not sent" with Retry)', async () => {
    files.upload = { id: 'm1', blob: new Blob(['x']), state: 'failed', sent: 0 };
    const { root } = show({
      direction: 'out',
      state: 'failed',
      file: { kind: 'file', name: 'notes.txt', mediaType: 'text/plain' },
    });
    await waitFor(() => expect(root.querySelector('.file-name')?.textContent).toBe('notes.txt'));
    expect(root.querySelector('progress')).toBeNull();
  });

  it('a row drawn again after its upload ended shows the bytes at once, not "Loading…"', async () => {
    files.upload = {
      id: 'm1',
      blob: new Blob(['png'], { type: 'image/png' }),
      state: 'uploading',
      sent: 1,
    };
    const shown = new Map<string, Blob>();
    const file = {
      kind: 'image' as const,
      name: 'crack.png',
      mediaType: 'image/png',
      width: 10,
      height: 10,
    };
    const first = show({ direction: 'out', file }, shown);
    await waitFor(() => expect(first.root.querySelector('img')).not.toBeNull());
    dispose();
    // The message now has its URL (the upload ended): <For> draws a new row for it.
    files.upload = undefined;
    const again = show({ direction: 'out', file: { ...file, url: 'https://up/crack.png' } }, shown);
    expect(again.root.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    expect(again.root.textContent).not.toContain('Loading');
    expect(files.loadMedia).not.toHaveBeenCalled();
  });
});
