// @vitest-environment jsdom
import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { cleanFileName } from '../app/files';
import type { Message } from '../app/queries';
import { MessageItem } from './MessageItem';

function message(over: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    peer: 'bob@localhost',
    direction: 'out',
    body: 'hello',
    at: Date.now(),
    state: 'queued',
    ...over,
  };
}

describe('MessageItem', () => {
  it('draws every delivery state as an icon, with its name for screen readers', () => {
    for (const [state, name] of [
      ['queued', 'Queued'],
      ['sent', 'Sent'],
      ['delivered', 'Delivered'],
      ['displayed', 'Read'],
      ['failed', 'Failed'],
    ] as const) {
      const { container, unmount } = render(() => (
        <ul>
          <MessageItem message={message({ state })} />
        </ul>
      ));
      const mark = container.querySelector('.state');
      expect(mark?.querySelector('svg')).not.toBeNull();
      // No emoji or other glyph that needs a font: the only text is the spoken name.
      expect(mark?.textContent).toBe(name);
      expect(screen.getByTitle(name)).toBe(mark);
      unmount();
    }
  });
});

describe('MessageItem failed upload', () => {
  it('gives the server limit in the same units as file sizes', () => {
    render(() => (
      <ul>
        <MessageItem message={message({ state: 'failed', error: 'upload:too-large:10485760' })} />
      </ul>
    ));
    expect(
      screen.getByText('Not sent: the file is larger than the server’s limit of 10 MB'),
    ).toBeTruthy();
  });
});

describe('MessageItem names', () => {
  it('isolates the sender’s nickname and a file’s name, and shows bidi controls in the name', () => {
    const { container } = render(() => (
      <ul>
        <MessageItem
          message={message({
            direction: 'in',
            peer: 'room@conf.localhost',
            nick: 'eve\u202Ereversed',
            state: 'sent',
          })}
        />
        <MessageItem
          message={message({
            id: 'm2',
            body: '',
            state: 'sent',
            file: {
              kind: 'file',
              url: 'https://up.localhost/x/y',
              // As the app stores it: through cleanFileName when it arrives or is picked.
              name: cleanFileName('invoice\u202Egpj.exe'),
              mediaType: 'application/octet-stream',
              size: 2048,
            },
          })}
        />
      </ul>
    ));
    // <bdi>: what a nickname's U+202E reverses ends with the nickname.
    expect(container.querySelector('bdi.nick')?.textContent).toBe('eve\u202Ereversed');
    const name = container.querySelector('bdi.file-name');
    expect(name?.textContent).toBe('invoice⟨U+202E⟩gpj.exe');
    expect(container.querySelector('.file-meta')?.textContent).toBe(
      '2 KB · application/octet-stream',
    );
  });
});

describe('MessageItem long text', () => {
  it('says a long body is long, shows all of it as text on request, and saves it as a file', async () => {
    // A megabyte: markup in it stays text, and the end is what a silent cut would lose.
    const body = `<img src=x onerror="alert(1)"> ${'word '.repeat(199_990)}THE END`;
    const { container } = render(() => (
      <ul>
        <MessageItem message={message({ direction: 'in', state: 'sent', body })} />
      </ul>
    ));
    const text = () => container.querySelector('.body')?.textContent ?? '';
    expect(text()).toHaveLength(10_000);
    expect(text().startsWith('<img src=x onerror="alert(1)">')).toBe(true);
    expect(
      screen.getByText(
        `Long message: showing the first 10,000 of ${body.length.toLocaleString('en')} characters.`,
      ),
    ).toBeTruthy();

    const saved: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      saved.push(b);
      return 'blob:x';
    });
    // jsdom has no blob URLs.
    const had = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^message-.*\.txt$/);
    });
    screen.getByRole('button', { name: 'Save as file' }).click();
    expect(click).toHaveBeenCalledOnce();
    expect(await saved[0]?.text()).toBe(body);

    screen.getByRole('button', { name: 'Show all' }).click();
    expect(text()).toBe(body);
    expect(text().endsWith('THE END')).toBe(true);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show all' })).toBeNull();
    vi.restoreAllMocks();
    Object.assign(URL, had);
  });

  it('shows a body up to the limit whole, without a note', () => {
    const body = 'x'.repeat(10_000);
    const { container } = render(() => (
      <ul>
        <MessageItem message={message({ direction: 'in', state: 'sent', body })} />
      </ul>
    ));
    expect(container.querySelector('.body')?.textContent).toBe(body);
    expect(container.querySelector('.long-note')).toBeNull();
  });
});

describe('MessageItem deleted by a moderator (XEP-0425)', () => {
  it('says a moderator deleted it, with the reason the room gave, never the old text', () => {
    const { container, unmount } = render(() => (
      <ul>
        <MessageItem
          message={message({
            direction: 'in',
            state: 'delivered',
            body: '',
            retracted: true,
            moderated: { by: 'team@conference.localhost/boss', reason: 'Spam' },
          })}
        />
      </ul>
    ));
    expect(container.querySelector('.msg-deleted')?.textContent).toBe(
      'Deleted by a moderator: Spam',
    );
    unmount();
    render(() => (
      <ul>
        <MessageItem message={message({ direction: 'in', body: '', retracted: true })} />
      </ul>
    ));
    expect(screen.getByText('Message deleted')).toBeTruthy();
  });
});
