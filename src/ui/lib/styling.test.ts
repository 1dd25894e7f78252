import { describe, expect, it } from 'vitest';
import { type Block, type Inline, parseLine, parseStyling } from './styling';

/** A compact picture of inlines: *x*, _x_, ~x~, `x`, [link], plain text as is. */
function show(inlines: Inline[]): string {
  return inlines
    .map((n) => {
      if (n.kind === 'text') return n.text;
      if (n.kind === 'link') return `[${n.text}]`;
      const inner = show(n.children);
      return {
        strong: `<b>${inner}</b>`,
        em: `<i>${inner}</i>`,
        strike: `<s>${inner}</s>`,
        code: `<c>${inner}</c>`,
      }[n.style];
    })
    .join('');
}
const line = (s: string) => show(parseLine(s));

function blocks(bs: Block[]): unknown[] {
  return bs.map((b) =>
    b.kind === 'lines'
      ? b.lines.map(show)
      : b.kind === 'pre'
        ? { pre: b.text }
        : { quote: blocks(b.blocks) },
  );
}

describe('XEP-0393 spans', () => {
  it('styles each kind of span', () => {
    expect(line('*strong*')).toBe('<b>strong</b>');
    expect(line('_emphasis_')).toBe('<i>emphasis</i>');
    expect(line('~strike~')).toBe('<s>strike</s>');
    expect(line('`pre`')).toBe('<c>pre</c>');
    expect(line('this is *very* good')).toBe('this is <b>very</b> good');
  });

  it("keeps the directives' character in the tree", () => {
    const [span] = parseLine('_x_');
    expect(span).toMatchObject({ kind: 'span', style: 'em', mark: '_' });
  });

  it('follows the XEP: no space after the opening or before the closing directive', () => {
    expect(line('* not strong*')).toBe('* not strong*');
    expect(line('*not strong *')).toBe('*not strong *');
    expect(line('a *strong* and *another one*')).toBe('a <b>strong</b> and <b>another one</b>');
  });

  it('needs a space or the line start before an opening directive', () => {
    expect(line('snake_case_name')).toBe('snake_case_name');
    expect(line('2*3*4')).toBe('2*3*4');
    expect(line('x *y* z')).toBe('x <b>y</b> z');
  });

  it('leaves a span with nothing inside as text', () => {
    expect(line('**')).toBe('**');
    expect(line('__ ~~ ``')).toBe('__ ~~ ``');
  });

  it('closes a span at the first closing directive', () => {
    expect(line('*one* two*')).toBe('<b>one</b> two*');
  });

  it('nests different spans, directive after directive', () => {
    expect(line('*_strong emphasis_*')).toBe('<b><i>strong emphasis</i></b>');
    expect(line('_*~all three~*_')).toBe('<i><b><s>all three</s></b></i>');
    expect(line('*bold `code` bold*')).toBe('<b>bold <c>code</c> bold</b>');
  });

  it('never styles inside a preformatted span', () => {
    expect(line('`*not strong*`')).toBe('<c>*not strong*</c>');
    expect(line('`_x_ ~y~`')).toBe('<c>_x_ ~y~</c>');
  });

  it('does not nest a span in one of its own style', () => {
    expect(line('*a *b* c*')).toBe('<b>a *b</b> c*');
  });

  it('keeps links whole, with styling characters inside them', () => {
    expect(line('see https://example.com/a_b_c and _this_')).toBe(
      'see [https://example.com/a_b_c] and <i>this</i>',
    );
    expect(line('*https://example.com/~me*')).toBe('<b>[https://example.com/~me]</b>');
    expect(line('_https://example.com/x_')).toBe('<i>[https://example.com/x]</i>');
    expect(line('*see https://example.org/a_b*')).toBe('<b>see [https://example.org/a_b]</b>');
    expect(line('https://example.org/a* b')).toBe('[https://example.org/a*] b');
  });

  it('does not cross lines', () => {
    expect(blocks(parseStyling('*not\nstrong*'))).toEqual([['*not', 'strong*']]);
  });
});

describe('XEP-0393 blocks', () => {
  it('keeps plain lines together, empty lines included', () => {
    expect(blocks(parseStyling('a\n\nb'))).toEqual([['a', '', 'b']]);
  });

  it('reads a preformatted block as text up to a line of ```', () => {
    expect(blocks(parseStyling('```js\n*not strong*\n  indented\n```\n*strong*'))).toEqual([
      { pre: '*not strong*\n  indented' },
      ['<b>strong</b>'],
    ]);
  });

  it('runs an unclosed preformatted block to the end of the message', () => {
    expect(blocks(parseStyling('before\n```\n_x_'))).toEqual([['before'], { pre: '_x_' }]);
  });

  it('reads quotes, nested quotes and their end', () => {
    expect(blocks(parseStyling('> quoted *text*\n>> deeper\nreply'))).toEqual([
      { quote: [['quoted <b>text</b>'], { quote: [['deeper']] }] },
      ['reply'],
    ]);
  });

  it('ends a preformatted block inside a quote with the quote', () => {
    expect(blocks(parseStyling('> ```\n> code *x*\nafter'))).toEqual([
      { quote: [{ pre: 'code *x*' }] },
      ['after'],
    ]);
  });

  it('reads a ">" not at the start of a line as text', () => {
    expect(blocks(parseStyling('a > b'))).toEqual([['a > b']]);
  });
});

describe('hostile input', () => {
  it('keeps every character of a line, directives included, in order', () => {
    const raw = (ns: Inline[]): string =>
      ns.map((n) => (n.kind === 'span' ? n.mark + raw(n.children) + n.mark : n.text)).join('');
    for (const l of [
      '*a _b ~c `d` e~ f_ g*',
      '**x** _ _y_ ~',
      '`a*b` *c`d*e`',
      '*_~`x`~_*',
      '* _ ~ `',
    ]) {
      expect(raw(parseLine(l))).toBe(l);
    }
  });

  it('stays fast on a long line of openings that never close', () => {
    const body = '*a _b ~c `d '.repeat(20_000); // 240,000 characters on one line
    const t0 = performance.now();
    const [b] = parseStyling(body);
    const ms = performance.now() - t0;
    expect(b?.kind).toBe('lines');
    // Rescanning the line for every opening would take minutes here; this takes milliseconds
    // (the bound is loose: the test machine is shared and often loaded).
    expect(ms).toBeLessThan(10_000);
  });

  it('stays fast on a line of links and openings between them', () => {
    const body = 'https://example.com/_a_ *x '.repeat(10_000);
    const t0 = performance.now();
    const [b] = parseStyling(body);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const links = b?.kind === 'lines' ? b.lines[0]?.filter((n) => n.kind === 'link') : [];
    expect(links).toHaveLength(10_000);
  });

  it('parses a body of 400,000 characters in 40,000 blocks', { timeout: 30_000 }, () => {
    const body = '*x* _y_ ~z~ `w`\n> q\n'.repeat(20_000);
    const parsed = parseStyling(body);
    // Plain line, quote, plain line, ...; then the empty line after the last break.
    expect(parsed).toHaveLength(40_001);
    expect(parsed[1]).toEqual({
      kind: 'quote',
      blocks: [{ kind: 'lines', lines: [[{ kind: 'text', text: 'q' }]] }],
    });
  });

  it('returns HTML-looking text as text', () => {
    expect(line('*<img src=x onerror=alert(1)>*')).toBe('<b><img src=x onerror=alert(1)></b>');
    const [span] = parseLine('*<b>x</b>*');
    expect(span?.kind === 'span' && span.children[0]).toEqual({ kind: 'text', text: '<b>x</b>' });
  });
});
