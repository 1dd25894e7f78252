// XEP-0363 HTTP file upload: find the upload service, ask it for a slot (a PUT URL to upload
// to, a GET URL to share), read its answer or its refusal.
//
// Prosody 0.12's mod_http_file_share answers a slot request with
//   <slot><get url/><put url><header name='Authorization'>Bearer JWT</header></put></slot>
// and refuses a file over its limit with a modify/not-acceptable error, text 'File too large',
// and <file-too-large><max-file-size>N</max-file-size></file-too-large> inside the <error/>.
import xml, { type Element } from '@xmpp/xml';
import { httpUrl } from './oob';
import { attr, coreChildren, isElement, newId, parseStanzaError } from './stanza';
import { xmlText } from './text';
import type { DiscoInfo } from './types';

export const NS_HTTP_UPLOAD = 'urn:xmpp:http:upload:0';

/** An upload service found by service discovery. */
export interface UploadService {
  jid: string;
  maxFileSize?: number; // bytes, when the service says
}

export interface SlotRequestOptions {
  to: string; // the upload service
  filename: string;
  size: number; // bytes
  contentType?: string;
}

/** Where to PUT the file (with `headers`), and the URL to share once it is there. */
export interface UploadSlot {
  putUrl: string;
  getUrl: string;
  headers: Record<string, string>; // only Authorization, Cookie, Expires
}

export type UploadError =
  | { kind: 'too-large'; maxFileSize?: number }
  | { kind: 'quota' | 'not-allowed' | 'other'; text?: string };

// XEP-0363: the only headers a client passes on; all others MUST be ignored.
const HEADERS = ['Authorization', 'Cookie', 'Expires'] as const;

/**
 * A byte count > 0, from digits. A trailing '.0' is allowed: Prosody writes the limit in
 * <file-too-large/> with Lua's tostring(), which gives '11010048.0' for a limit configured
 * as a float (e.g. 10.5*1024*1024); its disco form formats the same limit with %d.
 */
function byteCount(s: string | null | undefined): number | undefined {
  const m = s === null || s === undefined ? null : /^\s*(\d+)(?:\.0+)?\s*$/.exec(s);
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * The first entity that says it is an upload service: identity store/file and feature
 * urn:xmpp:http:upload:0. Its limit comes from the XEP-0128 form with that FORM_TYPE, field
 * max-file-size; a limit that is not a positive integer is left out. Null when none is.
 */
export function findUploadService(
  infos: ReadonlyArray<{ jid: string; info: DiscoInfo }>,
): UploadService | null {
  for (const { jid, info } of infos) {
    const isStore = info.identities.some((i) => i.category === 'store' && i.type === 'file');
    if (!jid || !isStore || !info.features.includes(NS_HTTP_UPLOAD)) continue;
    const form = info.forms.find((f) => f.formType === NS_HTTP_UPLOAD);
    const maxFileSize = byteCount(form?.fields['max-file-size']?.[0]);
    return maxFileSize === undefined ? { jid } : { jid, maxFileSize };
  }
  return null;
}

/**
 * Ask `to` for a slot. Throws RangeError when `size` is not a non-negative integer or the
 * filename is empty (once characters XML cannot carry are dropped). Prosody refuses a
 * filename containing '/' (bad-request): pass a bare name.
 */
export function buildSlotRequest(opts: SlotRequestOptions): Element {
  const { to, size, contentType } = opts;
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('upload: bad size');
  const filename = xmlText(opts.filename);
  if (!filename) throw new RangeError('upload: empty filename');
  return xml(
    'iq',
    { type: 'get', to, id: newId() },
    xml('request', {
      xmlns: NS_HTTP_UPLOAD,
      filename,
      size: String(size),
      'content-type': contentType ? xmlText(contentType) : undefined,
    }),
  );
}

/**
 * A header value fetch() can send, trimmed; undefined when empty, or when it holds CR, LF or
 * NUL anywhere (XEP-0363's security notes say to strip newlines; a value that has them is
 * dropped rather than patched) or anything above U+00FF (Headers takes a ByteString and
 * throws on those).
 */
function headerValue(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0 || c > 0xff) return undefined;
  }
  return s.trim() || undefined;
}

/**
 * The slot in the answer to buildSlotRequest; null when `iq` is not a result with a slot
 * whose <put/> and <get/> URLs are both http(s) (see httpUrl). Header names are matched
 * without regard to case and given back spelled as in HEADERS; of repeats, the first counts.
 */
export function parseSlot(iq: Element | null | undefined): UploadSlot | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const slot = iq.getChild('slot', NS_HTTP_UPLOAD);
  const put = slot?.getChild('put', NS_HTTP_UPLOAD);
  const get = slot?.getChild('get', NS_HTTP_UPLOAD);
  const putUrl = put && httpUrl(attr(put, 'url'));
  const getUrl = get && httpUrl(attr(get, 'url'));
  if (!put || !putUrl || !getUrl) return null;
  const headers: Record<string, string> = {};
  for (const h of put.getChildren('header', NS_HTTP_UPLOAD)) {
    const wanted = attr(h, 'name')?.trim().toLowerCase();
    const name = HEADERS.find((n) => n.toLowerCase() === wanted);
    if (!name || Object.hasOwn(headers, name)) continue;
    const value = headerValue(h.getText());
    if (value !== undefined) headers[name] = value;
  }
  return { putUrl, getUrl, headers };
}

/**
 * Why the service refused a slot; null when `iq` is not an iq error. A <file-too-large/> in
 * the <error/> makes it 'too-large' whatever the condition (Prosody and the XEP's example say
 * not-acceptable); resource-constraint is 'quota' (Prosody: daily quota or disk full),
 * forbidden and not-allowed are 'not-allowed' (Prosody: forbidden for an account it does not
 * serve); anything else, e.g. Prosody's bad-request for a bad filename or size and
 * not-acceptable for a refused file type, is 'other'.
 */
export function parseSlotError(iq: Element | null | undefined): UploadError | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'error') return null;
  const tooLarge = coreChildren(iq, 'error')[0]?.getChild('file-too-large', NS_HTTP_UPLOAD);
  if (tooLarge) {
    const maxFileSize = byteCount(tooLarge.getChildText('max-file-size', NS_HTTP_UPLOAD));
    return maxFileSize === undefined ? { kind: 'too-large' } : { kind: 'too-large', maxFileSize };
  }
  const error = parseStanzaError(iq);
  const condition = error?.condition;
  const kind =
    condition === 'resource-constraint'
      ? 'quota'
      : condition === 'forbidden' || condition === 'not-allowed'
        ? 'not-allowed'
        : 'other';
  return error?.text ? { kind, text: error.text } : { kind };
}

/** parseSlotError for an <error/> element on its own (as a failed request hands it over). */
export function parseSlotErrorElement(error: Element | null | undefined): UploadError | null {
  return error ? parseSlotError(xml('iq', { type: 'error' }, error)) : null;
}
