// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPopupMenu, PopupMenu } from './popupMenu';

/** A row with a menu of two items, the way the message and chat menus use it. */
function Row(props: { onPick: (what: string) => void; onDelete?: () => void }) {
  let row!: HTMLLIElement;
  const popup = createPopupMenu({
    row: () => row,
    rowKey: (e) => {
      if (e.key !== 'Delete') return false;
      props.onDelete?.();
      return true;
    },
  });
  return (
    <ul>
      <li ref={row} tabindex="0" aria-label="the row">
        <PopupMenu
          menu={popup}
          buttonClass="more"
          buttonLabel="More"
          menuClass="menu"
          menuLabel="Row actions"
        >
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            onClick={() => popup.act(() => props.onPick('one'))}
          >
            One
          </button>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            onClick={() => popup.act(() => props.onPick('two'))}
          >
            Two
          </button>
        </PopupMenu>
      </li>
      <li>
        <button type="button">Elsewhere</button>
      </li>
    </ul>
  );
}

const menu = () => screen.queryByRole('menu');

afterEach(cleanup);

describe('a row menu (createPopupMenu)', () => {
  it('opens from its button with the focus on the first item; arrows move, Esc gives it back', async () => {
    render(() => <Row onPick={() => {}} />);
    const more = screen.getByRole('button', { name: 'More' });
    more.focus();
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('menu', { name: 'Row actions' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('One'));
    fireEvent.keyDown(menu()!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Two');
    fireEvent.keyDown(menu()!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('One');
    fireEvent.keyDown(menu()!, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Two');
    fireEvent.keyDown(menu()!, { key: 'Escape' });
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(more);
  });

  it('opens on right-click and Shift+F10 on the row, and a pick closes it and runs', async () => {
    const onPick = vi.fn();
    render(() => <Row onPick={onPick} />);
    const row = screen.getByRole('listitem', { name: 'the row' });
    fireEvent.contextMenu(row);
    expect(menu()).not.toBeNull();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Two' }));
    expect(onPick).toHaveBeenCalledWith('two');
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(row);

    fireEvent.keyDown(row, { key: 'F10', shiftKey: true });
    expect(menu()).not.toBeNull();
  });

  it('closes on a pointer outside it, and listens for one only while it is open', () => {
    const add = vi.spyOn(document, 'addEventListener');
    render(() => <Row onPick={() => {}} />);
    const listening = () => add.mock.calls.filter(([type]) => type === 'pointerdown').length;
    expect(listening()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    expect(listening()).toBe(1);
    // A press on the menu itself keeps it open.
    fireEvent.pointerDown(screen.getByRole('menuitem', { name: 'One' }));
    expect(menu()).not.toBeNull();
    fireEvent.pointerDown(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(menu()).toBeNull();
    add.mockRestore();
  });

  it('opens on a long press, not on a short one', () => {
    vi.useFakeTimers();
    try {
      render(() => <Row onPick={() => {}} />);
      const row = screen.getByRole('listitem', { name: 'the row' });
      fireEvent.touchStart(row, { touches: [{ clientX: 0, clientY: 0 }] });
      vi.advanceTimersByTime(200);
      fireEvent.touchEnd(row);
      vi.advanceTimersByTime(1_000);
      expect(menu()).toBeNull();
      fireEvent.touchStart(row, { touches: [{ clientX: 0, clientY: 0 }] });
      vi.advanceTimersByTime(600);
      expect(menu()).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes the row's other keys to the caller", () => {
    const onDelete = vi.fn();
    render(() => <Row onPick={() => {}} onDelete={onDelete} />);
    fireEvent.keyDown(screen.getByRole('listitem', { name: 'the row' }), { key: 'Delete' });
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(menu()).toBeNull();
  });
});
