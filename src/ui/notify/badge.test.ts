import { describe, expect, it } from 'vitest';
import { faviconWithCount } from './badge';

const svgOf = (href: string) => decodeURIComponent(href.replace('data:image/svg+xml,', ''));

describe('the favicon badge', () => {
  it('is the plain icon at zero, the count in a red badge otherwise, 99+ beyond', () => {
    expect(faviconWithCount(0)).toBe('/favicon.svg');
    expect(svgOf(faviconWithCount(3))).toContain('fill="#d93025"');
    expect(svgOf(faviconWithCount(3))).toContain('>3</text>');
    expect(svgOf(faviconWithCount(150))).toContain('>99+</text>');
  });
});
