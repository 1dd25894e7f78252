// @vitest-environment jsdom
import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
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
