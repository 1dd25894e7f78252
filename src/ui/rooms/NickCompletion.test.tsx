// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createNickCompletion } from './NickCompletion';

function Harness(props: { nicks: string[]; onEnter: () => void }) {
  let box: HTMLTextAreaElement | undefined;
  const c = createNickCompletion({ box: () => box, nicks: () => props.nicks });
  return (
    <div>
      <c.List />
      <textarea
        ref={box}
        aria-label="Message"
        aria-autocomplete="list"
        aria-controls={c.listId()}
        aria-activedescendant={c.activeId()}
        onInput={() => c.update()}
        onKeyDown={(e) => {
          if (c.keydown(e)) return;
          if (e.key === 'Enter') props.onEnter();
        }}
      />
    </div>
  );
}

function type(box: HTMLTextAreaElement, text: string) {
  box.value = text;
  box.setSelectionRange(text.length, text.length);
  fireEvent.input(box);
}

describe('@nickname completion', () => {
  afterEach(cleanup);

  it('offers matching nicks, moves with the arrows and completes with Enter', async () => {
    let sent = 0;
    render(() => <Harness nicks={['bobcat', 'Bonnie', 'alice']} onEnter={() => sent++} />);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    type(box, 'hi @bo');
    const list = screen.getByRole('listbox', { name: 'Nicknames' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['@bobcat', '@Bonnie']);
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('hi @Bonnie ');
    expect(sent).toBe(0); // Enter picked the nick; it did not send
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toBe(1); // with the list closed, Enter sends
  });

  it('closes on Escape until another @ is typed, and Tab completes too', () => {
    render(() => <Harness nicks={['bobcat']} onEnter={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    type(box, '@b');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    type(box, '@bo');
    expect(screen.queryByRole('listbox')).toBeNull();
    type(box, '@bo @b');
    expect(screen.getByRole('listbox')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe('@bo @bobcat ');
  });
});
