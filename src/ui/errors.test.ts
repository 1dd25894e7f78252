import { describe, expect, it } from 'vitest';
import { errorText } from './errors';

describe('errorText', () => {
  it('words a full browser storage, as the browser or Dexie reports it', () => {
    const quota =
      'This browser has no storage space left to keep the file until it is sent. Free some space or send a smaller file.';
    expect(errorText(new DOMException('full', 'QuotaExceededError'))).toBe(quota);
    expect(errorText({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(quota);
  });

  it('gives the server limit for a file that is too large', () => {
    // Prosody's default limit, 10 MiB, in the same units as file sizes (formatBytes).
    expect(
      errorText({ name: 'FileTooLargeError', fileName: 'a.mov', limitBytes: 10 * 1024 * 1024 }),
    ).toBe('a.mov is larger than this server’s limit of 10 MB.');
  });
});
