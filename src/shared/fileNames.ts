// File names and media types that come from a peer (or the local disk) are untrusted.

const MAX_NAME_LENGTH = 120;
/** An extension longer than this is part of the name, not an extension. */
const MAX_EXTENSION_LENGTH = 16;

/** C0 and C1 controls (tab and line breaks excepted: they become spaces): dropped. */
function isControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f);
}

/**
 * Bidi embeddings and overrides (U+202A–202E), isolates (U+2066–2069) and the direction marks
 * (U+200E, U+200F, U+061C): they reorder the name around them ("invoice\u202Egpj.exe" shows as
 * "invoiceexe.jpg"). Shown as a visible marker, so the person sees that something is odd and
 * the real extension stays last, on screen and in the saved file's name.
 */
function isBidiControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c
  );
}

/** "⟨U+202E⟩": how a bidi control shows in a file name. */
export function bidiMarker(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `⟨U+${hex}⟩`;
}

// Windows refuses these as a file's stem, whatever the extension ("con.tar.gz" too).
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A name safe to show and to offer as a download name; never empty. */
export function cleanFileName(name: string): string {
  const visible = Array.from(name.normalize('NFC'))
    .filter((ch) => !isControl(ch))
    .map((ch) => (isBidiControl(ch) ? bidiMarker(ch) : ch))
    .join('');
  const segments = visible.split(/[/\\]/);
  let clean = (segments.filter((s) => s.trim() !== '').pop() ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    // Windows drops trailing dots and spaces, so "x.exe." would land as "x.exe".
    .replace(/[. ]+$/, '')
    .trim();
  const dot = clean.indexOf('.');
  const stem = dot === -1 ? clean : clean.slice(0, dot);
  if (RESERVED_WINDOWS.test(stem.trim())) clean = `file${dot === -1 ? '' : clean.slice(dot)}`;
  return truncate(clean) || 'file';
}

/** Caps at MAX_NAME_LENGTH code points, keeping a short extension. */
function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = chars.lastIndexOf('.');
  const extLength = dot > 0 ? chars.length - dot : 0;
  if (extLength === 0 || extLength > MAX_EXTENSION_LENGTH + 1) {
    return chars.slice(0, MAX_NAME_LENGTH).join('').trimEnd();
  }
  const stem = chars
    .slice(0, MAX_NAME_LENGTH - extLength)
    .join('')
    .replace(/[. ]+$/, '');
  return stem + chars.slice(dot).join('');
}

// Types a browser renders as plain media. SVG, HTML, XML and PDF can carry script or
// active content, so they are offered as downloads only.
const INLINE_SAFE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
  'audio/ogg',
  'audio/webm',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
]);

/** Whether a media type (parameters allowed, any case) may be shown inline. */
export function isInlineSafeType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return INLINE_SAFE.has(essence);
}
