import { describe, expect, it } from 'vitest';
import { cleanFileName, isInlineSafeType } from './fileNames';

describe('cleanFileName', () => {
  it('keeps an ordinary name', () => {
    expect(cleanFileName('Holiday photo.jpg')).toBe('Holiday photo.jpg');
  });

  it('drops any path, either separator', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\evil\\x.exe')).toBe('x.exe');
    expect(cleanFileName('a/b\\..\\c.txt')).toBe('c.txt');
    expect(cleanFileName('photos/')).toBe('photos');
    expect(cleanFileName('foo/..')).toBe('file');
  });

  it('shows bidi controls as visible markers, so the real extension shows, last', () => {
    // Shown raw, "invoice\u202Egpj.exe" reads "invoiceexe.jpg".
    expect(cleanFileName('invoice\u202Egpj.exe')).toBe('invoice⟨U+202E⟩gpj.exe');
    expect(cleanFileName('a\u2066b\u2069\u200F.pdf')).toBe('a⟨U+2066⟩b⟨U+2069⟩⟨U+200F⟩.pdf');
    expect(cleanFileName('\u202Ax\u202B\u202C\u202D\u2067\u2068\u200E\u061C.txt')).toBe(
      '⟨U+202A⟩x⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+2067⟩⟨U+2068⟩⟨U+200E⟩⟨U+061C⟩.txt',
    );
    // No character that reorders text is left in the name.
    expect(cleanFileName('Ca\u202Egnp.exe')).not.toMatch(
      /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/,
    );
  });

  it('drops control characters, turns line breaks and tabs into one space', () => {
    expect(cleanFileName('  my\u0000report\u007f\u0085 .txt ')).toBe('myreport .txt');
    expect(cleanFileName('a\r\n\tb.png')).toBe('a b.png');
  });

  it('drops leading dots and trailing dots', () => {
    expect(cleanFileName('.bashrc')).toBe('bashrc');
    expect(cleanFileName('...hidden.txt')).toBe('hidden.txt');
    expect(cleanFileName('x.exe. . ')).toBe('x.exe');
  });

  it('renames reserved Windows names, whatever the case or extension', () => {
    expect(cleanFileName('CON.txt')).toBe('file.txt');
    expect(cleanFileName('con')).toBe('file');
    expect(cleanFileName('Lpt1.tar.gz')).toBe('file.tar.gz');
    expect(cleanFileName('nul .md')).toBe('file.md');
    expect(cleanFileName('CONSOLE.txt')).toBe('CONSOLE.txt');
    expect(cleanFileName('COM10.txt')).toBe('COM10.txt');
  });

  it('caps at 120 characters and keeps the extension', () => {
    const name = `${'a'.repeat(300)}.jpeg`;
    const clean = cleanFileName(name);
    expect(clean).toHaveLength(120);
    expect(clean.endsWith('a.jpeg')).toBe(true);
  });

  it('caps without an extension, and never splits a surrogate pair', () => {
    expect(cleanFileName('b'.repeat(300))).toBe('b'.repeat(120));
    const emoji = cleanFileName(`${'😀'.repeat(130)}.png`);
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji).toBe(`${'😀'.repeat(116)}.png`);
    // An "extension" of 200 characters is not one.
    expect(Array.from(cleanFileName(`x.${'c'.repeat(200)}`))).toHaveLength(120);
  });

  it("falls back to 'file'", () => {
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName('   ')).toBe('file');
    expect(cleanFileName('...')).toBe('file');
    expect(cleanFileName('\u0000\u0001')).toBe('file');
    expect(cleanFileName('/')).toBe('file');
  });
});

describe('isInlineSafeType', () => {
  it('accepts plain images, video and audio, with parameters and any case', () => {
    for (const t of ['image/png', 'image/jpeg', 'image/avif', 'video/webm', 'audio/wav']) {
      expect(isInlineSafeType(t)).toBe(true);
    }
    expect(isInlineSafeType('IMAGE/PNG')).toBe(true);
    expect(isInlineSafeType('audio/ogg; codecs=opus')).toBe(true);
  });

  it('refuses anything that can carry script or active content', () => {
    for (const t of [
      'image/svg+xml',
      'text/html',
      'application/xhtml+xml',
      'text/xml',
      'application/xml',
      'application/pdf',
      'application/octet-stream',
      '',
      'image/png+xml',
      'image/png\u0000',
    ]) {
      expect(isInlineSafeType(t)).toBe(false);
    }
  });
});
