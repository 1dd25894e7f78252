// @vitest-environment jsdom
import { createRoot } from 'solid-js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SupportFileRefusal } from '../app/support';
import { createFileSending, fileProblemText } from './fileSending';
import { loadText, type Translate } from './text';

let t: Translate;
let zh: Translate;
beforeAll(async () => {
  t = await loadText('en');
  zh = await loadText('zh-CN');
});

const file = (name: string) => new File(['x'], name, { type: 'image/png' });

function sending(send: (f: File) => Promise<SupportFileRefusal | null>, accepts = () => true) {
  const target = document.createElement('div');
  return createRoot((dispose) => ({
    ...createFileSending({ t, lang: () => 'en', send, target, accepts }),
    target,
    dispose,
  }));
}

/** A drag event carrying files, as a browser makes one (jsdom has no DataTransfer). */
function drag(type: string, files: File[]) {
  const e = new Event(type, { bubbles: true, cancelable: true }) as DragEvent;
  Object.defineProperty(e, 'dataTransfer', {
    value: { types: ['Files'], files, dropEffect: 'none' },
  });
  return e;
}

describe('what the shopper reads when a file is not sent', () => {
  it('says what happened and what to do, in their language', () => {
    expect(
      fileProblemText(t, 'en', { problem: 'too-large', limitBytes: 10 * 1024 ** 2 }, 'a.mov'),
    ).toBe('a.mov is too large to send here: the limit is 10 MB. Try a smaller file.');
    expect(fileProblemText(t, 'en', { problem: 'empty' }, 'a.txt')).toBe(
      'a.txt is empty, so it was not sent.',
    );
    expect(fileProblemText(t, 'en', { problem: 'no-service' }, 'a.txt')).toMatch(
      /cannot take files/,
    );
    expect(fileProblemText(zh, 'zh-CN', { problem: 'failed' }, 'a.png')).toBe(
      'a.png 发送失败，请重试。',
    );
  });
});

describe('createFileSending', () => {
  it('sends the files in the order chosen; a refusal or a failure is said, the others still go', async () => {
    const sent: string[] = [];
    const s = sending(async (f) => {
      sent.push(f.name);
      if (f.name === 'big.mov') return { problem: 'too-large', limitBytes: 1024 };
      if (f.name === 'broken.png') throw new Error('QuotaExceededError');
      return null;
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await s.sendFiles([file('a.png'), file('big.mov'), file('b.png')]);
    expect(sent).toEqual(['a.png', 'big.mov', 'b.png']);
    expect(s.problem()).toBe(
      'big.mov is too large to send here: the limit is 1 KB. Try a smaller file.',
    );
    await s.sendFiles([file('broken.png')]);
    expect(s.problem()).toBe('broken.png could not be sent. Try again.');
    s.dismiss();
    expect(s.problem()).toBe('');
    s.dispose();
  });

  it('sends files dropped on the panel, and takes none while the message box is not shown', async () => {
    const send = vi.fn(async () => null);
    let open = true;
    const s = sending(send, () => open);
    const over = drag('dragover', [file('x.png')]);
    s.target.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true); // else the browser opens the file
    expect(s.dragging()).toBe(true);
    s.target.dispatchEvent(drag('drop', [file('x.png'), file('y.png')]));
    expect(s.dragging()).toBe(false);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    open = false;
    const refused = drag('drop', [file('z.png')]);
    s.target.dispatchEvent(refused);
    expect(refused.defaultPrevented).toBe(false);
    expect(send).toHaveBeenCalledTimes(2);
    // Gone with the panel: a drop then is not ours.
    open = true;
    s.dispose();
    s.target.dispatchEvent(drag('drop', [file('w.png')]));
    expect(send).toHaveBeenCalledTimes(2);
  });
});
