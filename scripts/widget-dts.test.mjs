import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { widgetDts } from './widget-dts.mjs';

describe('dist/widget.d.ts', () => {
  it('declares the public API and window.Parley, and parses as a declaration file', () => {
    const dts = widgetDts();
    const file = ts.createSourceFile('widget.d.ts', dts, ts.ScriptTarget.ES2022, true);
    expect(file.parseDiagnostics ?? []).toEqual([]);
    const names = file.statements.flatMap((s) => (s.name ? [s.name.text] : []));
    for (const n of ['ParleyWidget', 'ProductShare', 'OrderShare', 'WidgetEvents', 'WidgetLocale'])
      expect(names).toContain(n);
    expect(dts).toContain('Parley?: { widget: ParleyWidget }');
  });
});
