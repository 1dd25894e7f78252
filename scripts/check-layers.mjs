// Import-direction lint for src/ (see the layer table in the README / DESIGN.md).
//
//   node scripts/check-layers.mjs      check every src/**/*.{ts,tsx}, tests included
//
// Import specifiers are found with TypeScript's own pre-processor (static imports,
// `export ... from`, `import type`, dynamic `import('...')`, `require('...')`), so
// imports inside comments and strings are not counted.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Layer folder → the layers its relative imports may reach. */
export const LAYERS = {
  xmpp: ['xmpp', 'shared'],
  db: ['db', 'shared'],
  engine: ['engine', 'xmpp', 'db', 'shared'],
  app: ['app', 'db', 'engine', 'i18n', 'shared'],
  ui: ['ui', 'app', 'i18n', 'shared'],
  widget: ['widget', 'app', 'ui', 'i18n', 'shared'],
  pwa: ['pwa', 'shared'],
  i18n: ['i18n'],
  // Pure code every layer may use (JIDs, peer kinds, file limits, mentions, errors): it
  // imports nothing, so sharing it cannot bend the arrows above.
  shared: ['shared'],
};

/** Package rules: which files may import a package (by name or name prefix). */
const PACKAGE_RULES = [
  {
    matches: (spec) => spec.startsWith('@xmpp/'),
    allowed: (layer) => layer === 'xmpp',
    reason: '@xmpp/* is only for src/xmpp/',
  },
  {
    matches: (spec) => spec === 'dexie' || spec.startsWith('dexie/'),
    allowed: (layer, file) => layer === 'db' || /^src\/ui\/lib\/live(\.test)?\.tsx?$/.test(file),
    reason: 'dexie is only for src/db/ and src/ui/lib/live.ts (and its own test)',
  },
  {
    matches: (spec) =>
      spec === 'solid-js' ||
      spec.startsWith('solid-js/') ||
      spec === '@tanstack/solid-query' ||
      spec.startsWith('@tanstack/solid-query/'),
    allowed: (layer) => !['xmpp', 'db', 'engine'].includes(layer),
    reason: 'no Solid in src/xmpp/, src/db/, src/engine/',
  },
];

const toPosix = (path) => path.split(sep).join('/');

/** 'src/ui/x.ts' for a path given relative to the repository or absolute. */
function repoPath(path) {
  const rel = isAbsolute(path) ? relative(ROOT, path) : path;
  return posix.normalize(toPosix(rel)).replace(/^\.\//, '');
}

/** The layer of a repository path: 'ui', 'engine'...; '' for files directly in src/; null outside src/. */
function layerOf(path) {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return null;
  return parts.length === 2 ? '' : (parts[1] ?? null);
}

/** The layer an import target lands in; `src/db` (a folder's index) is layer db, `src/main` is ''. */
function targetLayerOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'src' && parts.length === 2) {
    const name = parts[1] ?? '';
    if (Object.hasOwn(LAYERS, name) || isDirectory(resolve(ROOT, 'src', name))) return name;
  }
  return layerOf(path);
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function lineAt(source, pos) {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Import specifiers in `source`, each with its 1-based line. */
export function importsOf(source) {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((ref) => ({ spec: ref.fileName, line: lineAt(source, ref.pos) }));
}

/**
 * Check one file's imports against the layer table.
 * @param {string} path repository-relative ('src/ui/App.tsx') or absolute path
 * @param {string} source file contents
 * @returns {{ file: string, line: number, layer: string, spec: string, reason: string, message: string }[]}
 */
export function checkFile(path, source) {
  const file = repoPath(path);
  const layer = layerOf(file);
  if (layer === null || layer === '') return []; // outside src/, or src/main.tsx etc.: anything goes
  const violations = [];
  const report = (line, spec, reason) =>
    violations.push({
      file,
      line,
      layer,
      spec,
      reason,
      message: `${file}:${line}: ${layer} may not import ${spec} (${reason})`,
    });

  const allowedLayers = LAYERS[layer];
  if (!allowedLayers) {
    report(1, '*', `src/${layer}/ is not in the layer table in scripts/check-layers.mjs`);
    return violations;
  }

  for (const { spec, line } of importsOf(source)) {
    const bare = spec.split('?')[0] ?? spec;
    if (bare.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), bare));
      const targetLayer = targetLayerOf(target);
      if (targetLayer === null) {
        report(line, spec, 'relative import leaves src/');
      } else if (targetLayer === '') {
        report(
          line,
          spec,
          `files directly in src/ are entry points; ${layer} may import ${allowedLayers.join(', ')}`,
        );
      } else if (!allowedLayers.includes(targetLayer)) {
        report(line, spec, `${layer} may import only ${allowedLayers.join(', ')}`);
      }
    } else if (bare.startsWith('/')) {
      report(line, spec, 'use a relative import');
    } else {
      for (const rule of PACKAGE_RULES) {
        if (rule.matches(bare) && !rule.allowed(layer, file)) report(line, spec, rule.reason);
      }
    }
  }
  return violations;
}

/** Every .ts/.tsx file under src/ (repository-relative paths, sorted). */
export function sourceFiles(root = ROOT) {
  return readdirSync(resolve(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => toPosix(relative(root, resolve(entry.parentPath ?? entry.path, entry.name))))
    .sort();
}

function main() {
  const files = sourceFiles();
  const violations = files.flatMap((file) =>
    checkFile(file, readFileSync(resolve(ROOT, file), 'utf8')),
  );
  for (const violation of violations) console.error(violation.message);
  if (violations.length > 0) {
    console.error(`check-layers: ${violations.length} import(s) break the layer rules.`);
    process.exit(1);
  }
  console.log(`check-layers: OK (${files.length} files under src/ follow the layer rules)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
