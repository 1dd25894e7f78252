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
    allowed: (layer, file) => layer === 'db' || /^src\/ui\/lib\/live\.test\.tsx?$/.test(file),
    reason: "dexie is only for src/db/ (and the live adapter's own test)",
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
  // One report per import: an import the rules above refused is not refused again below.
  const refused = new Set(violations.map((v) => `${v.line}:${v.spec}`));
  for (const v of allowListViolations(file, layer, source))
    if (!refused.has(`${v.line}:${v.spec}`)) report(v.line, v.spec, v.reason);
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

// Allow-lists (DESIGN.md's layer table, beyond folder direction). Each rule is one function
// below, returning { line, spec, reason } for what it refuses; checkFile reports them.

/** The one engine module app/ may import: the typed gateway (it loads the rest on demand). */
const ENGINE_GATEWAY = 'src/engine/gateway';
/** The one module that takes liveQuery from Dexie; everyone else gets it from db/. */
const LIVE_QUERY_HOME = 'src/db/index.ts';
/** The one ui/ module that runs live queries (Dexie → Solid). */
const LIVE_ADAPTER = 'src/ui/lib/live.ts';
/** Packages a test file may use in a layer that otherwise imports no package. */
const TEST_PACKAGES = ['vitest', 'fake-indexeddb', 'msw', '@solidjs/testing-library'];

const isTest = (file) => /\.test\.[mc]?[jt]sx?$/.test(file);
const resolveIn = (file, spec) => posix.normalize(posix.join(posix.dirname(file), spec));
const packageName = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);

/**
 * Imports and re-exports with the names they carry, from TypeScript's syntax tree:
 * `{ spec, names, line, reExport }`; `export { x }` of an imported `x` counts as a re-export
 * from where `x` was imported.
 */
export function bindingsOf(source) {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const found = [];
  const importedFrom = new Map();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const spec = st.moduleSpecifier.text;
      const clause = st.importClause;
      const names = [];
      if (clause?.name) names.push('default');
      const nb = clause?.namedBindings;
      if (nb && ts.isNamedImports(nb))
        for (const el of nb.elements) names.push((el.propertyName ?? el.name).text);
      if (nb && ts.isNamespaceImport(nb)) names.push('*');
      for (const el of nb && ts.isNamedImports(nb) ? nb.elements : [])
        importedFrom.set(el.name.text, spec);
      if (clause?.name) importedFrom.set(clause.name.text, spec);
      if (nb && ts.isNamespaceImport(nb)) importedFrom.set(nb.name.text, spec);
      found.push({ spec, names, line: line(st), reExport: false });
    } else if (ts.isExportDeclaration(st)) {
      const clause = st.exportClause;
      const names =
        clause && ts.isNamedExports(clause)
          ? clause.elements.map((e) => (e.propertyName ?? e.name).text)
          : ['*'];
      if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        found.push({ spec: st.moduleSpecifier.text, names, line: line(st), reExport: true });
      } else {
        for (const name of names) {
          const spec = importedFrom.get(name);
          if (spec) found.push({ spec, names: [name], line: line(st), reExport: true });
        }
      }
    }
  }
  return found;
}

/** app/ reaches the engine only through its gateway (the UI's one typed door into the core). */
function appThroughGateway(file, layer, bindings) {
  if (layer !== 'app') return [];
  return bindings
    .filter((b) => b.spec.startsWith('.'))
    .filter((b) => {
      const target = resolveIn(file, b.spec).replace(/\.(ts|tsx)$/, '');
      return target.startsWith('src/engine') && target !== ENGINE_GATEWAY;
    })
    .map((b) => ({ ...b, reason: 'app/ reaches the engine only through src/engine/gateway.ts' }));
}

/** No xmpp/ type leaks past the engine: the engine re-exports nothing of xmpp/. */
function noXmppReExport(file, layer, bindings) {
  if (layer !== 'engine') return [];
  return bindings
    .filter((b) => b.reExport && b.spec.startsWith('.'))
    .filter((b) => resolveIn(file, b.spec).startsWith('src/xmpp'))
    .map((b) => ({
      ...b,
      reason: 'engine/ re-exports nothing of xmpp/ (it would reach app/ through the gateway)',
    }));
}

/** i18n/ and shared/ import no package; db/ imports only dexie (tests: test packages too). */
function packageAllowList(file, layer, bindings, dynamicSpecs) {
  const allowed = { i18n: [], shared: [], db: ['dexie'] }[layer];
  if (!allowed) return [];
  const ok = isTest(file) ? [...allowed, ...TEST_PACKAGES] : allowed;
  const specs = [...bindings.map((b) => ({ spec: b.spec, line: b.line })), ...dynamicSpecs];
  return specs
    .filter((b) => !b.spec.startsWith('.') && !ok.includes(packageName(b.spec)))
    .map((b) => ({
      ...b,
      reason: `${layer}/ may import ${allowed.length ? `only ${allowed.join(', ')}` : 'no package'}`,
    }));
}

/** Dexie's liveQuery comes from one place (db/), and ui/ runs it only in its live adapter. */
function oneLiveQuery(file, layer, bindings) {
  return bindings
    .filter((b) => b.names.includes('liveQuery') || (b.names.includes('*') && b.spec === 'dexie'))
    .filter((b) =>
      b.spec === 'dexie' || b.spec.startsWith('dexie/')
        ? file !== LIVE_QUERY_HOME
        : layer === 'ui' && file !== LIVE_ADAPTER && !isTest(file),
    )
    .map((b) => ({
      ...b,
      reason:
        b.spec === 'dexie' || b.spec.startsWith('dexie/')
          ? `liveQuery comes from Dexie only in ${LIVE_QUERY_HOME}; import it from db/`
          : `ui/ runs live queries only through ${LIVE_ADAPTER}`,
    }));
}

function allowListViolations(file, layer, source) {
  const bindings = bindingsOf(source);
  const seen = new Set(bindings.map((b) => `${b.line}:${b.spec}`));
  // Dynamic import('x') and require('x') are not in the syntax walk above: count them too.
  const dynamicSpecs = importsOf(source).filter((i) => !seen.has(`${i.line}:${i.spec}`));
  return [
    ...appThroughGateway(file, layer, [
      ...bindings,
      ...dynamicSpecs.map((d) => ({ ...d, names: [], reExport: false })),
    ]),
    ...noXmppReExport(file, layer, bindings),
    ...packageAllowList(file, layer, bindings, dynamicSpecs),
    ...oneLiveQuery(file, layer, bindings),
  ];
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
