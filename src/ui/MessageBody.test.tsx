// @vitest-environment jsdom
import { render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { MessageBody } from './MessageBody';

function body(text: string, actor?: string) {
  const { container } = render(() => <MessageBody body={text} at={0} actor={actor} />);
  const el = container.querySelector('.body');
  if (!(el instanceof HTMLElement)) throw new Error('no body');
  return el;
}

describe('MessageBody styling (XEP-0393)', () => {
  it('draws spans as elements, their directives kept and dimmed', () => {
    const el = body('a *bold* _it_ ~gone~ `x*y*`');
    expect(el.querySelector('strong')?.textContent).toBe('*bold*');
    expect(el.querySelector('em')?.textContent).toBe('_it_');
    expect(el.querySelector('s')?.textContent).toBe('~gone~');
    expect(el.querySelector('code')?.textContent).toBe('`x*y*`');
    // No styling inside code.
    expect(el.querySelector('code strong')).toBeNull();
    expect(el.querySelectorAll('.sd[aria-hidden="true"]')).toHaveLength(8);
    // What was sent is what a copy gives back.
    expect(el.textContent).toBe('a *bold* _it_ ~gone~ `x*y*`');
  });

  it('draws preformatted blocks and quotes', () => {
    const el = body('> said *this*\n```\nlet a = *b*;\n```\nok');
    expect(el.querySelector('blockquote strong')?.textContent).toBe('*this*');
    expect(el.querySelector('pre')?.textContent).toBe('let a = *b*;');
    expect(el.querySelector('pre strong')).toBeNull();
  });

  it('keeps links clickable, inside spans too', () => {
    const el = body('*see https://example.org/a_b*');
    const a = el.querySelector('strong a');
    expect(a?.getAttribute('href')).toBe('https://example.org/a_b');
    expect(a?.getAttribute('rel')).toContain('noopener');
  });

  it('never reads markup in a body as HTML', () => {
    const el = body('*<img src=x onerror="alert(1)">* <script>x</script>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('strong')?.textContent).toBe('*<img src=x onerror="alert(1)">*');
  });
});

describe('MessageBody "/me" (XEP-0245)', () => {
  it('reads "/me waves" as "* Alice waves"', () => {
    const el = body('/me waves _happily_', 'Alice');
    expect(el.classList.contains('action')).toBe(true);
    expect(el.textContent).toBe('* Alice waves _happily_');
    expect(el.querySelector('em')?.textContent).toBe('_happily_');
  });

  it('is plain text without an actor, or with "/me" anywhere but the start', () => {
    expect(body('/me waves').textContent).toBe('/me waves');
    const el = body('hi /me waves', 'Alice');
    expect(el.classList.contains('action')).toBe(false);
    expect(el.textContent).toBe('hi /me waves');
  });
});
