// XEP-0363 upload, HTTP side: PUT a file to the slot URL the server gave. No XMPP here.
// XMLHttpRequest rather than fetch: it is the browser API that reports upload progress.

export type UploadErrorCode =
  | 'insecure-url'
  | 'cancelled'
  | 'too-large'
  | 'refused'
  | 'server'
  | 'network'
  | 'timeout';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly code: UploadErrorCode,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(
      status === undefined ? `upload failed: ${code}` : `upload failed: ${code} (HTTP ${status})`,
      options,
    );
  }
}

export interface PutFileOptions {
  putUrl: string;
  /** The slot's <header/> elements, name → value. */
  headers: Readonly<Record<string, string>>;
  body: Blob;
  /** Must match what the slot was requested with; defaults to the Blob's own type. */
  contentType?: string;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** The page's origin; defaults to `location.origin`. See `checkPutUrl`. */
  pageOrigin?: string;
  /** Default 5 minutes; 0 waits forever. */
  timeoutMs?: number;
  /** For tests: a stand-in for `new XMLHttpRequest()`. */
  xhrFactory?: () => XMLHttpRequest;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const PROGRESS_INTERVAL_MS = 100;

// XEP-0363 allows Authorization, Cookie and Expires. Cookie is left out on purpose: it is a
// forbidden request header, so browsers refuse to set it (and log an error) whatever we do.
const ALLOWED_HEADERS = new Set(['authorization', 'expires']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    // The URL parser has already turned 127.1, 0x7f.1 and the like into dotted quads.
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Throws UploadError('insecure-url') unless the URL is https:, or http: on a loopback host.
 * A loopback URL (either scheme) is also refused when the page itself is not on loopback:
 * a hostile server must not be able to aim a public page's upload at the user's own machine.
 */
export function checkPutUrl(putUrl: string, pageOrigin = defaultPageOrigin()): URL {
  let url: URL;
  try {
    url = new URL(putUrl);
  } catch (cause) {
    throw new UploadError('insecure-url', undefined, { cause });
  }
  const loopback = isLoopbackHost(url.hostname);
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  if (!schemeOk || (loopback && pageOrigin !== undefined && !isLoopbackOrigin(pageOrigin))) {
    throw new UploadError('insecure-url');
  }
  return url;
}

function defaultPageOrigin(): string | undefined {
  return (globalThis as { location?: { origin?: string } }).location?.origin;
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false; // 'null' and other opaque origins
  }
}

/** The slot headers we may send, with newlines stripped as XEP-0363 asks. */
export function slotHeaders(headers: Readonly<Record<string, string>>): [string, string][] {
  const out: [string, string][] = [];
  for (const [rawName, rawValue] of Object.entries(headers)) {
    const name = stripNewlines(rawName).trim();
    const value = stripNewlines(rawValue).trim();
    // setRequestHeader throws on values outside Latin-1 or with other controls.
    if (ALLOWED_HEADERS.has(name.toLowerCase()) && /^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
      out.push([name, value]);
    }
  }
  return out;
}

const stripNewlines = (s: string) => s.replace(/[\r\n]/g, '');

export function putFile(options: PutFileOptions): Promise<void> {
  const { body, onProgress, signal } = options;
  return new Promise<void>((resolve, reject) => {
    // Both throw before any request is made, which rejects the promise.
    const url = checkPutUrl(options.putUrl, options.pageOrigin ?? defaultPageOrigin());
    if (signal?.aborted) throw new UploadError('cancelled');

    const xhr = options.xhrFactory?.() ?? new XMLHttpRequest();
    const total = body.size;
    let settled = false;
    let reported = -1;
    let lastReportAt = Number.NEGATIVE_INFINITY;

    const report = (loaded: number) => {
      if (settled || !onProgress) return;
      const sent = Math.min(Math.max(loaded, 0), total);
      if (sent <= reported) return; // monotonic, and the total only once
      const now = performance.now(); // monotonic: a clock change must not stall progress
      if (sent < total && now - lastReportAt < PROGRESS_INTERVAL_MS) return;
      reported = sent;
      lastReportAt = now;
      onProgress(sent, total);
    };
    const finish = (error?: UploadError) => {
      if (settled) return;
      if (!error) report(total);
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => {
      finish(new UploadError('cancelled'));
      xhr.abort();
    };

    xhr.upload.addEventListener('progress', (e) => report(e.loaded));
    xhr.upload.addEventListener('load', () => report(total));
    xhr.addEventListener('load', () => finish(errorForStatus(xhr.status)));
    xhr.addEventListener('error', () => finish(new UploadError('network')));
    xhr.addEventListener('timeout', () => finish(new UploadError('timeout')));
    xhr.addEventListener('abort', () => finish(new UploadError('cancelled')));
    signal?.addEventListener('abort', onAbort, { once: true });

    try {
      xhr.open('PUT', url.href);
      xhr.timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // withCredentials stays false: the page's own cookies have no business at the upload host.
      for (const [name, value] of slotHeaders(options.headers)) xhr.setRequestHeader(name, value);
      const type = stripNewlines(options.contentType ?? body.type);
      if (type) xhr.setRequestHeader('Content-Type', type);
      xhr.send(body);
    } catch (cause) {
      finish(new UploadError('network', undefined, { cause }));
    }
  });
}

function errorForStatus(status: number): UploadError | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 0) return new UploadError('network');
  if (status === 413) return new UploadError('too-large', status);
  if (status >= 400 && status < 500) return new UploadError('refused', status);
  return new UploadError('server', status);
}
