/** Cut `s` to at most `max` UTF-16 units, never leaving half a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Drop characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates, U+FFFE/F).
 * ltx escapes markup but passes these through, and a server closes the stream on them.
 */
export function xmlText(s: string): string {
  let out = '';
  for (const ch of s) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}
