import { describe, expect, it } from 'vitest';
import { type CacheLike, MAX_SHARED_FILES, type SharedMeta, shareKey, storeShare } from './share';

function memoryCache(): CacheLike & { map: Map<string, Response> } {
  const map = new Map<string, Response>();
  return {
    map,
    put: async (k, r) => void map.set(k, r),
    match: async (k) => map.get(k)?.clone(),
    keys: async () => [...map.keys()].map((url) => ({ url })),
    delete: async (k) => map.delete(k),
  };
}

const scope = 'https://chat.example.com/';

describe('share target store', () => {
  it('keeps the text, link and files a share sheet posted', async () => {
    const cache = memoryCache();
    const form = new FormData();
    form.set('title', '  Holiday ');
    form.set('text', 'look at this');
    form.set('url', 'https://example.org/p');
    form.append('files', new File(['abc'], 'beach.jpg', { type: 'image/jpeg' }));
    await storeShare(form, cache, scope, 's1', 1000);
    const meta = (await (await cache.match(shareKey(scope, 's1', 'meta')))?.json()) as SharedMeta;
    expect(meta).toMatchObject({
      title: 'Holiday',
      text: 'look at this',
      url: 'https://example.org/p',
      files: [{ name: 'beach.jpg', type: 'image/jpeg', size: 3 }],
      dropped: 0,
    });
    const file = await cache.match(shareKey(scope, 's1', 'file/0'));
    expect(await file?.text()).toBe('abc');
  });

  it('bounds the number of files and ignores empty ones', async () => {
    const cache = memoryCache();
    const form = new FormData();
    for (let i = 0; i < MAX_SHARED_FILES + 2; i++)
      form.append('files', new File(['x'], `f${i}.txt`));
    form.append('files', new File([], 'empty.txt'));
    await storeShare(form, cache, scope, 's2', 1000);
    const meta = (await (await cache.match(shareKey(scope, 's2', 'meta')))?.json()) as SharedMeta;
    expect(meta.files).toHaveLength(MAX_SHARED_FILES);
    expect(meta.dropped).toBe(2);
  });

  it('sweeps shares older than a day when a new one comes', async () => {
    const cache = memoryCache();
    const old = new FormData();
    old.append('files', new File(['x'], 'old.txt'));
    await storeShare(old, cache, scope, 'old', 0);
    await storeShare(new FormData(), cache, scope, 'new', 25 * 60 * 60 * 1000);
    const urls = [...cache.map.keys()];
    expect(urls.some((u) => u.includes('/old/'))).toBe(false);
    expect(urls.some((u) => u.includes('/new/meta'))).toBe(true);
  });
});
