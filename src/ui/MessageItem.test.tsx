// @vitest-environment jsdom
import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
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
