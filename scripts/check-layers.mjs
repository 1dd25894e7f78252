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
  xmpp: ['xmpp'],
  db: ['db'],
  engine: ['engine', 'xmpp', 'db'],
  app: ['app', 'db', 'engine', 'i18n'],
  ui: ['ui', 'app', 'i18n'],
  widget: ['widget', 'app', 'ui', 'i18n'],
  pwa: ['pwa'],
  i18n: ['i18n'],
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

// ---------------------------------------------------------------------------------------------
// XML stays in xmpp/ (issue 14, "parse once, at the door"): past xmpp/, a stanza is a typed
// record (xmpp/incoming.ts parseIncoming). Outside tests, engine/, app/, ui/ and the other
// faces may pass an element from the session to an xmpp/ parser, but never read one: no
// XmlElement type, and none of @xmpp/xml's reading members (`el.attrs`, `el.getChild(...)`...).
// `children` counts only where Solid's `props.children` cannot be meant.

/** Layers that must not read XML. */
const NO_XML_LAYERS = ['engine', 'app', 'ui', 'widget', 'pwa'];
/** @xmpp/xml Element members that read a stanza. */
const XML_MEMBERS = new Set([
  'attrs',
  'getAttr',
  'getChild',
  'getChildByAttr',
  'getChildElements',
  'getChildren',
  'getChildrenByAttr',
  'getChildText',
  'getNS',
  'getText',
]);
const XML_TYPES = new Set(['XmlElement']);

const isTestFile = (file) => /\.test\.tsx?$/.test(file) || file === 'src/engine/testing.ts';

/**
 * Places where `file` reads XML, each with its 1-based line; none outside NO_XML_LAYERS.
 * @param {string} path repository-relative or absolute path
 * @param {string} source file contents
 */
export function checkXml(path, source) {
  const file = repoPath(path);
  const layer = layerOf(file);
  if (!layer || !NO_XML_LAYERS.includes(layer) || isTestFile(file)) return [];
  const members = new Set(XML_MEMBERS);
  if (layer === 'engine' || layer === 'app') members.add('children');
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found = [];
  const report = (node, what) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({
      file,
      line,
      message: `${file}:${line}: ${layer} reads XML (${what}): parse it in src/xmpp/ and pass a typed record`,
    });
  };
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && members.has(node.name.text))
      report(node, `.${node.name.text}`);
    else if (
      (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) &&
      XML_TYPES.has((node.propertyName ?? node.name).text)
    )
      report(node, (node.propertyName ?? node.name).text);
    else if (ts.isTypeReferenceNode(node) && XML_TYPES.has(node.typeName.getText(sf)))
      report(node, node.typeName.getText(sf));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
// ---------------------------------------------------------------------------------------------

/** Every .ts/.tsx file under src/ (repository-relative paths, sorted). */
export function sourceFiles(root = ROOT) {
  return readdirSync(resolve(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => toPosix(relative(root, resolve(entry.parentPath ?? entry.path, entry.name))))
    .sort();
}

function main() {
  const files = sourceFiles();
  const violations = files.flatMap((file) => {
    const source = readFileSync(resolve(ROOT, file), 'utf8');
    return [...checkFile(file, source), ...checkXml(file, source)];
  });
  for (const violation of violations) console.error(violation.message);
  if (violations.length > 0) {
    console.error(`check-layers: ${violations.length} import(s) break the layer rules.`);
    process.exit(1);
  }
  console.log(`check-layers: OK (${files.length} files under src/ follow the layer rules)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
