// @vitest-environment jsdom
import { render } from 'solid-js/web';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';
import { loadText, type Translate } from './text';

let t: Translate;
beforeAll(async () => {
  t = await loadText('en');
});
afterEach(() => document.body.replaceChildren());

function composer() {
  const el = document.createElement('div');
  document.body.append(el);
  const onFiles = vi.fn();
  const dispose = render(() => <Composer t={t} onSend={async () => {}} onFiles={onFiles} />, el);
  const box = el.querySelector('textarea') as HTMLTextAreaElement;
  const picker = el.querySelector('input[type=file]') as HTMLInputElement;
  const attach = el.querySelector('button[aria-label="Attach files"]') as HTMLButtonElement;
  return { onFiles, dispose, box, picker, attach };
}

const picture = () => new File(['png'], 'screenshot.png', { type: 'image/png' });

describe('the widget composer: files', () => {
  it('has a named attach button that opens a hidden picker of several files of any type', () => {
    const c = composer();
    expect(c.attach).not.toBeNull();
    expect(c.picker.hidden).toBe(true);
    expect(c.picker.multiple).toBe(true);
    expect(c.picker.accept).toBe('');
    const opened = vi.spyOn(c.picker, 'click');
    c.attach.click();
    expect(opened).toHaveBeenCalled();
    c.dispose();
  });

  it('sends the files chosen and keeps what was typed', () => {
    const c = composer();
    c.box.value = 'half a sentence';
    c.box.dispatchEvent(new Event('input', { bubbles: true }));
    const chosen = [picture(), new File(['%PDF'], 'order.pdf', { type: 'application/pdf' })];
    Object.defineProperty(c.picker, 'files', { value: chosen, configurable: true });
    c.picker.dispatchEvent(new Event('change', { bubbles: true }));
    expect(c.onFiles).toHaveBeenCalledWith(chosen);
    expect(c.box.value).toBe('half a sentence');
    c.dispose();
  });

  it('sends a pasted picture; a paste of text stays a paste of text', () => {
    const c = composer();
    const paste = (files: File[]) => {
      const e = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'clipboardData', { value: { files } });
      c.box.dispatchEvent(e);
      return e;
    };
    const shot = picture();
    expect(paste([shot]).defaultPrevented).toBe(true);
    expect(c.onFiles).toHaveBeenCalledWith([shot]);
    expect(paste([]).defaultPrevented).toBe(false);
    expect(c.onFiles).toHaveBeenCalledTimes(1);
    c.dispose();
  });
});
