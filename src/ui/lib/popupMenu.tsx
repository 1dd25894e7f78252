// A row's menu of actions (a message's, a chat's): how it opens and closes and how the keys move
// in it. What it offers is the caller's. One for both, so the two menus behave alike.
import { createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { MoreIcon } from './icons';

const LONG_PRESS_MS = 500;

export interface PopupMenuOptions {
  /** The row the menu belongs to: right-click, a long press and the row's keys open it. */
  row: () => HTMLElement | undefined;
  /**
   * The row's own keys, for a key event on it (the menu key and Shift+F10 are handled
   * already): return true when the key was taken. `open(from)` opens the menu.
   */
  rowKey?: (e: KeyboardEvent, open: (from: HTMLElement) => void) => boolean;
  /** Which element of the row a key must be on to open the menu (default: the row itself). */
  keyTarget?: (e: KeyboardEvent, row: HTMLElement) => boolean;
  /** Where the focus goes back to when the menu opened from the row (default: the row). */
  focusOf?: (row: HTMLElement) => HTMLElement;
  /** A right-click that keeps the browser's own menu (a link, a selection). */
  nativeMenu?: (e: MouseEvent) => boolean;
  /** Runs as the menu opens. */
  onShow?: () => void;
}

/**
 * Opened by its button, right-click, a long press, or the menu key / Shift+F10 on the row.
 * Arrow keys, Home and End move in the menu; Esc closes it and gives the focus back to where it
 * came from; Tab and a pointer outside close it. The outside listener lives only while it is
 * open, not one per row for as long as the row is on screen.
 */
export function createPopupMenu(opts: PopupMenuOptions) {
  const [open, setOpen] = createSignal(false);
  let menu: HTMLElement | undefined;
  let button: HTMLElement | undefined;
  let returnTo: HTMLElement | undefined;

  const items = () => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const outside = (e: PointerEvent) => {
    const target = e.target as Node;
    if (!menu?.contains(target) && !button?.contains(target)) close(false);
  };

  function show(from: HTMLElement | undefined) {
    returnTo = from;
    opts.onShow?.();
    if (!open()) document.addEventListener('pointerdown', outside);
    setOpen(true);
    items()[0]?.focus();
  }
  function close(refocus = true) {
    if (!open()) return;
    document.removeEventListener('pointerdown', outside);
    setOpen(false);
    if (refocus && returnTo?.isConnected) returnTo.focus();
  }
  /** Closes the menu, then does what was picked. */
  function act(fn: () => unknown, refocus = true) {
    close(refocus);
    void fn();
  }
  function menuKey(e: KeyboardEvent) {
    const all = items();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => {
      e.preventDefault();
      all[(n + all.length) % all.length]?.focus();
    };
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') go(i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') close(false);
  }

  onMount(() => {
    const row = opts.row();
    if (!row) return;
    const focusOf = () => opts.focusOf?.(row) ?? row;
    const onContext = (e: MouseEvent) => {
      if (opts.nativeMenu?.(e)) return;
      e.preventDefault();
      show(focusOf());
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(opts.keyTarget ? opts.keyTarget(e, row) : e.target === row)) return;
      if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        show(focusOf());
      } else if (opts.rowKey?.(e, show)) e.preventDefault();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTouch = (e: TouchEvent) => {
      if (e.touches.length === 1) timer = setTimeout(() => show(focusOf()), LONG_PRESS_MS);
    };
    const cancel = () => clearTimeout(timer);
    row.addEventListener('contextmenu', onContext);
    row.addEventListener('keydown', onKey);
    row.addEventListener('touchstart', onTouch, { passive: true });
    row.addEventListener('touchend', cancel);
    row.addEventListener('touchmove', cancel);
    onCleanup(() => {
      clearTimeout(timer);
      row.removeEventListener('contextmenu', onContext);
      row.removeEventListener('keydown', onKey);
      row.removeEventListener('touchstart', onTouch);
      row.removeEventListener('touchend', cancel);
      row.removeEventListener('touchmove', cancel);
    });
  });
  onCleanup(() => document.removeEventListener('pointerdown', outside));

  return {
    open,
    show,
    close,
    act,
    menuKey,
    /** Its button toggles it. */
    toggle: () => (open() ? close() : show(button)),
    /** Refs: the menu (focus goes to its first item) and the button that opens it. */
    menuRef: (el: HTMLElement) => {
      menu = el;
      queueMicrotask(() => items()[0]?.focus());
    },
    buttonRef: (el: HTMLElement) => {
      button = el;
    },
  };
}

export type PopupMenuState = ReturnType<typeof createPopupMenu>;

/** A row menu's "more" button and, while open, the menu with what it offers (`children`). */
export function PopupMenu(props: {
  menu: PopupMenuState;
  buttonClass: string;
  buttonLabel: string;
  menuClass: string;
  menuLabel: string;
  children: JSX.Element;
}) {
  return (
    <>
      <button
        ref={props.menu.buttonRef}
        type="button"
        class={`icon ${props.buttonClass}`}
        aria-label={props.buttonLabel}
        title={props.buttonLabel}
        aria-haspopup="menu"
        aria-expanded={props.menu.open()}
        tabindex="-1"
        onClick={() => props.menu.toggle()}
      >
        <MoreIcon />
      </button>
      <Show when={props.menu.open()}>
        <div
          ref={props.menu.menuRef}
          class={props.menuClass}
          role="menu"
          aria-label={props.menuLabel}
          tabindex="-1"
          onKeyDown={(e) => props.menu.menuKey(e)}
        >
          {props.children}
        </div>
      </Show>
    </>
  );
}
