// @vitest-environment jsdom
import { Blob as NodeBlob } from 'node:buffer';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PutFileOptions, putFile, slotHeaders, UploadError } from './http';

const PUT = 'https://upload.example.com/slot/abc/photo.png?v=1&token=xyz';
const seen: Request[] = [];

const server = setupServer(
  http.put('https://upload.example.com/slot/abc/photo.png', async ({ request }) => {
    seen.push(request.clone());
    return new HttpResponse(null, { status: 201 });
  }),
  http.put('https://upload.example.com/status/:code', ({ params }) => {
    return new HttpResponse(null, { status: Number(params['code']) });
  }),
  http.put('https://upload.example.com/broken', () => HttpResponse.error()),
  http.put(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):5280\/upload$/, () => {
    return new HttpResponse(null, { status: 200 });
  }),
  http.all('*', ({ request }) => {
    seen.push(request.clone());
    return new HttpResponse(null, { status: 599 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen.length = 0;
  server.resetHandlers();
});
afterAll(() => server.close());

// MSW hands the XHR body to Node's Request, which does not understand jsdom's Blob (the body
// arrives as the 9 bytes "undefined"); Node's own Blob goes through intact.
const file = (size: number, type = 'image/png') =>
  new NodeBlob([new Uint8Array(size).fill(7)], { type }) as unknown as Blob;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the upload to fail');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(UploadError);
      const { code, status } = e as UploadError;
      return { code, status };
    },
  );

describe('putFile over HTTP (MSW)', () => {
  it('PUTs the body to the slot URL with only the allowed headers, and reports the total', async () => {
    const progress: [number, number][] = [];
    await putFile({
      putUrl: PUT,
      headers: {
        Authorization: 'Basic Zm9vOmJhcg==',
        Expires: 'Tue, 01 Jan 2030 00:00:00 GMT',
        Cookie: 'session=1',
        'X-Evil': 'yes',
        'Content-Type': 'text/html',
        Host: 'evil.example',
      },
      body: file(250_000),
      onProgress: (sent, total) => progress.push([sent, total]),
    });

    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.url).toBe(PUT);
    expect(req.headers.get('authorization')).toBe('Basic Zm9vOmJhcg==');
    expect(req.headers.get('expires')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(req.headers.get('content-type')).toBe('image/png');
    expect(req.headers.get('x-evil')).toBeNull();
    // Browsers would drop it anyway; MSW would not, so this checks that we never set it.
    expect(req.headers.get('cookie')).toBeNull();
    expect((await req.arrayBuffer()).byteLength).toBe(250_000);

    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([250_000, 250_000]);
    const sent = progress.map(([s]) => s);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });

  it('sends the content type it is given over the Blob’s own', async () => {
    await putFile({
      putUrl: PUT,
      headers: {},
      body: file(10, 'application/octet-stream'),
      contentType: 'image/png',
    });
    expect(seen[0]?.headers.get('content-type')).toBe('image/png');
  });

  it('maps refusals to typed errors', async () => {
    const put = (code: number) =>
      failure(
        putFile({
          putUrl: `https://upload.example.com/status/${code}`,
          headers: {},
          body: file(10),
        }),
      );
    expect(await put(413)).toEqual({ code: 'too-large', status: 413 });
    expect(await put(403)).toEqual({ code: 'refused', status: 403 });
    expect(await put(404)).toEqual({ code: 'refused', status: 404 });
    expect(await put(500)).toEqual({ code: 'server', status: 500 });
    expect(await put(503)).toEqual({ code: 'server', status: 503 });
  });

  it('reports a network error', async () => {
    const result = await failure(
      putFile({ putUrl: 'https://upload.example.com/broken', headers: {}, body: file(10) }),
    );
    expect(result).toEqual({ code: 'network', status: undefined });
  });

  it('cancels mid-request and reports no progress afterwards', async () => {
    let started!: () => void;
    const requestStarted = new Promise<void>((r) => {
      started = r;
    });
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    server.use(
      http.put('https://upload.example.com/slow', async () => {
        started();
        await held;
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const controller = new AbortController();
    const progress = vi.fn();
    const upload = putFile({
      putUrl: 'https://upload.example.com/slow',
      headers: {},
      body: file(10),
      signal: controller.signal,
      onProgress: progress,
    });
    await requestStarted;
    controller.abort();
    try {
      expect(await failure(upload)).toEqual({ code: 'cancelled', status: undefined });
    } finally {
      release();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(progress).not.toHaveBeenCalled();
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await failure(
      putFile({ putUrl: PUT, headers: {}, body: file(10), signal: controller.signal }),
    );
    expect(result.code).toBe('cancelled');
    expect(seen).toHaveLength(0);
  });

  it('refuses insecure URLs before making any request', async () => {
    for (const putUrl of [
      'http://upload.example.com/slot/abc/photo.png',
      'http://10.0.0.1/upload',
      'http://localhost.evil.example/upload',
      'http://127.0.0.1.evil.example/upload',
      'ftp://upload.example.com/x',
      'javascript:alert(1)',
      'data:text/plain,hi',
      '/relative/path',
      '',
    ]) {
      expect(await failure(putFile({ putUrl, headers: {}, body: file(10) }))).toEqual({
        code: 'insecure-url',
        status: undefined,
      });
    }
    expect(seen).toHaveLength(0);
  });

  it('allows plain http to loopback hosts when the page is on loopback too', async () => {
    expect(location.origin).toBe('http://localhost:3000');
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      await putFile({ putUrl: `http://${host}:5280/upload`, headers: {}, body: file(10) });
    }
    expect(seen).toHaveLength(0); // none fell through to the catch-all
  });

  it('never uploads to loopback from a public page', async () => {
    for (const putUrl of ['http://127.0.0.1:5280/upload', 'https://localhost/upload']) {
      const result = await failure(
        putFile({ putUrl, headers: {}, body: file(10), pageOrigin: 'https://chat.example.com' }),
      );
      expect(result.code).toBe('insecure-url');
    }
    expect(seen).toHaveLength(0);
  });
});

describe('slotHeaders', () => {
  it('keeps Authorization and Expires in any case, strips newlines, drops the rest', () => {
    expect(
      slotHeaders({
        authorization: 'Bearer a\r\nX-Injected: 1',
        EXPIRES: 'never',
        Cookie: 'a=b',
        'Content-Length': '1',
        'Authorization\n': 'Basic b',
      }),
    ).toEqual([
      ['authorization', 'Bearer aX-Injected: 1'],
      ['EXPIRES', 'never'],
      ['Authorization', 'Basic b'],
    ]);
  });

  it('drops a value that setRequestHeader would throw on', () => {
    expect(slotHeaders({ Authorization: 'Bearer \u2603' })).toEqual([]);
  });
});

/** Stands in for XMLHttpRequest where MSW cannot: incremental progress, timeouts. */
class FakeXhr extends EventTarget {
  readonly upload = new EventTarget();
  status = 0;
  timeout = 0;
  aborted = false;
  sent: Blob | undefined;
  open() {}
  setRequestHeader() {}
  send(body: Blob) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(new ProgressEvent('progress', { loaded, total }));
  }
  finish(status: number) {
    this.upload.dispatchEvent(new ProgressEvent('load'));
    this.status = status;
    this.dispatchEvent(new ProgressEvent('load'));
  }
}

function fakePut(options: Partial<PutFileOptions> = {}) {
  const xhr = new FakeXhr();
  const result = putFile({
    putUrl: PUT,
    headers: {},
    body: file(100),
    xhrFactory: () => xhr as unknown as XMLHttpRequest,
    ...options,
  });
  return { xhr, result };
}

describe('putFile progress and timeouts (fake XMLHttpRequest)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports progress at most every 100 ms, never backwards, and always the total', async () => {
    vi.useFakeTimers();
    const progress: number[] = [];
    const { xhr, result } = fakePut({ onProgress: (sent, total) => progress.push(sent, total) });
    let elapsed = 0;
    const at = (ms: number, loaded: number) => {
      vi.advanceTimersByTime(ms - elapsed);
      elapsed = ms;
      xhr.progress(loaded, 100);
    };
    at(0, 10);
    at(30, 20); // too soon
    at(60, 30); // too soon
    at(120, 40);
    at(230, 35); // backwards
    at(260, 60);
    at(300, 99); // too soon; the total still comes
    xhr.finish(201);
    await result;
    expect(progress).toEqual([10, 100, 40, 100, 60, 100, 100, 100]);
  });

  it('reports the total once even with no progress events', async () => {
    const onProgress = vi.fn();
    const { xhr, result } = fakePut({ onProgress });
    xhr.status = 201;
    xhr.dispatchEvent(new ProgressEvent('load'));
    await result;
    expect(onProgress.mock.calls).toEqual([[100, 100]]);
  });

  it('times out after five minutes by default, or as configured', async () => {
    const { xhr, result } = fakePut();
    expect(xhr.timeout).toBe(300_000);
    xhr.dispatchEvent(new ProgressEvent('timeout'));
    expect(await failure(result)).toEqual({ code: 'timeout', status: undefined });

    const custom = fakePut({ timeoutMs: 5_000 });
    expect(custom.xhr.timeout).toBe(5_000);
    custom.xhr.dispatchEvent(new ProgressEvent('timeout'));
    expect((await failure(custom.result)).code).toBe('timeout');
  });

  it('aborts the request when cancelled', async () => {
    const controller = new AbortController();
    const { xhr, result } = fakePut({ signal: controller.signal });
    expect(xhr.sent?.size).toBe(100);
    controller.abort();
    expect(xhr.aborted).toBe(true);
    expect((await failure(result)).code).toBe('cancelled');
  });
});
