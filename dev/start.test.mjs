// `npm start` on a fresh clone runs `npm ci` itself, so nothing it loads before that may need
// node_modules: dev/start.mjs and the modules it imports at the top use Node's own only.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEV = dirname(fileURLToPath(import.meta.url));

/** Static imports of a file, and of the local files it imports, all the way down. */
function staticImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^import\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.flatMap((s) =>
    s.startsWith('.') ? [s, ...staticImports(join(dirname(file), s), seen)] : [s],
  );
}

describe('npm start on a fresh clone', () => {
  it('loads nothing from node_modules before it has run npm ci', () => {
    const outside = staticImports(join(DEV, 'start.mjs')).filter(
      (s) => !s.startsWith('.') && !s.startsWith('node:'),
    );
    expect(outside).toEqual([]);
  });
});
