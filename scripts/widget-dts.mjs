// dist/widget.d.ts: the widget's JS API as a shop's TypeScript sees it, from
// src/widget/publicApi.ts (type-only, no imports), plus `window.Parley`.
//   node scripts/widget-dts.mjs [outFile]      (npm run build runs it)
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

// From the repository's root, where npm runs scripts (and Vitest runs tests).
const SOURCE = resolve('src/widget/publicApi.ts');

/** The declaration text for the public API. */
export function widgetDts() {
  const { outputText, diagnostics } = ts.transpileDeclaration(readFileSync(SOURCE, 'utf8'), {
    fileName: 'publicApi.ts',
    compilerOptions: { strict: true },
  });
  if (diagnostics?.length) throw new Error(`widget.d.ts: ${diagnostics.length} problem(s)`);
  return `// Parley support widget: window.Parley.widget (see the README, "JS API").
${outputText}
declare global {
  interface Window {
    Parley?: { widget: ParleyWidget };
    /** Settings read when widget.js starts (see the README's settings table). */
    parleySettings?: Record<string, unknown>;
  }
}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? 'dist/widget.d.ts';
  writeFileSync(out, widgetDts());
  console.log(`wrote ${out}`);
}
