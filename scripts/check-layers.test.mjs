import { describe, expect, it } from 'vitest';
import { checkFile, importsOf } from './check-layers.mjs';

const messages = (path, source) => checkFile(path, source).map((v) => v.message);

describe('check-layers', () => {
  it('rejects dexie in ui/ but allows it in ui/lib/live.ts and db/', () => {
    expect(messages('src/ui/Chat.tsx', "import Dexie from 'dexie';\n")).toEqual([
      'src/ui/Chat.tsx:1: ui may not import dexie (dexie is only for src/db/ and src/ui/lib/live.ts (and its own test))',
    ]);
    expect(messages('src/ui/lib/live.ts', "import { liveQuery } from 'dexie';")).toEqual([]);
    expect(messages('src/db/schema.ts', "import Dexie from 'dexie';")).toEqual([]);
    expect(messages('src/ui/lib/live.test.tsx', "import Dexie from 'dexie';")).toEqual([]);
    expect(messages('src/ui/lib/other.test.tsx', "import Dexie from 'dexie';")).toHaveLength(1);
  });

  it('lets engine/ import xmpp/ and db/', () => {
    const source = "import { parseMessage } from '../xmpp/message';\nimport { db } from '../db';\n";
    expect(messages('src/engine/messages.ts', source)).toEqual([]);
  });

  it('rejects ui/ importing engine/, with the line number', () => {
    const source = "import { x } from './a';\n\nexport { start } from '../engine/x';\n";
    expect(messages('src/ui/App.tsx', source)).toEqual([
      'src/ui/App.tsx:3: ui may not import ../engine/x (ui may import only ui, app, i18n, shared)',
    ]);
  });

  it('allows @xmpp/client only in xmpp/', () => {
    expect(messages('src/xmpp/connection.ts', "import { client } from '@xmpp/client';")).toEqual(
      [],
    );
    expect(checkFile('src/engine/a.test.ts', "import { xml } from '@xmpp/xml';")).toHaveLength(1);
  });

  it('sees dynamic imports and ignores comments and strings', () => {
    const source = [
      "// import '../engine/nope';",
      'const s = "import(\'../db/nope\')";',
      "const lazy = () => import('../engine/lazy');",
    ].join('\n');
    expect(importsOf(source).map((i) => i.spec)).toEqual(['../engine/lazy']);
    expect(messages('src/ui/Lazy.tsx', source)).toEqual([
      'src/ui/Lazy.tsx:3: ui may not import ../engine/lazy (ui may import only ui, app, i18n, shared)',
    ]);
  });

  it('keeps Solid out of xmpp/, db/ and engine/; entry files import anything', () => {
    expect(checkFile('src/engine/x.ts', "import { createSignal } from 'solid-js';")).toHaveLength(
      1,
    );
    expect(
      checkFile('src/db/x.ts', "import { useQuery } from '@tanstack/solid-query';"),
    ).toHaveLength(1);
    expect(
      checkFile('src/main.tsx', "import '../x';\nimport { client } from '@xmpp/client';"),
    ).toEqual([]);
  });

  it('treats a folder index import as that layer', () => {
    expect(messages('src/app/commands.ts', "import { db } from '../db';")).toEqual([]);
    expect(messages('src/db/db.test.ts', "import { db } from '.';")).toEqual([]);
    expect(checkFile('src/xmpp/x.ts', "import { db } from '../db';")).toHaveLength(1);
  });
});
