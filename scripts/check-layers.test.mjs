import { describe, expect, it } from 'vitest';
import { checkFile, checkXml, importsOf } from './check-layers.mjs';

const messages = (path, source) => checkFile(path, source).map((v) => v.message);

describe('check-layers', () => {
  it('rejects dexie in ui/ (the live adapter too: it gets liveQuery from db/) but allows it in db/', () => {
    expect(messages('src/ui/Chat.tsx', "import Dexie from 'dexie';\n")).toEqual([
      "src/ui/Chat.tsx:1: ui may not import dexie (dexie is only for src/db/ (and the live adapter's own test))",
    ]);
    expect(messages('src/ui/lib/live.ts', "import { liveQuery } from '../../app/live';")).toEqual(
      [],
    );
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

  describe('allow-lists', () => {
    it('lets app/ reach the engine only through its gateway, dynamic imports included', () => {
      expect(messages('src/app/x.ts', "import { kindOf } from '../engine/gateway';")).toEqual([]);
      expect(messages('src/app/x.ts', "import type { Engine } from '../engine';")).toEqual([
        'src/app/x.ts:1: app may not import ../engine (app/ reaches the engine only through src/engine/gateway.ts)',
      ]);
      expect(
        messages('src/app/session/x.ts', "const m = await import('../../engine/connect');"),
      ).toEqual([
        'src/app/session/x.ts:1: app may not import ../../engine/connect (app/ reaches the engine only through src/engine/gateway.ts)',
      ]);
    });

    it('refuses an engine re-export of xmpp/ (named, star, or of an imported name)', () => {
      const direct = "export type { XmppSession } from '../xmpp/session';";
      const star = "export * from '../xmpp';";
      const imported = "import { ConnectError } from '../xmpp/session';\nexport { ConnectError };";
      const reason =
        'engine/ re-exports nothing of xmpp/ (it would reach app/ through the gateway)';
      expect(messages('src/engine/gateway.ts', direct)).toEqual([
        `src/engine/gateway.ts:1: engine may not import ../xmpp/session (${reason})`,
      ]);
      expect(messages('src/engine/index.ts', star)).toHaveLength(1);
      expect(messages('src/engine/gateway.ts', imported)).toEqual([
        `src/engine/gateway.ts:2: engine may not import ../xmpp/session (${reason})`,
      ]);
      // Using xmpp/ inside the engine is what the engine is for.
      expect(messages('src/engine/x.ts', "import { parseMessage } from '../xmpp';")).toEqual([]);
    });

    it('keeps i18n/ and shared/ free of packages, and db/ to dexie', () => {
      expect(messages('src/i18n/en.ts', "import { format } from 'date-fns';")).toEqual([
        'src/i18n/en.ts:1: i18n may not import date-fns (i18n/ may import no package)',
      ]);
      expect(messages('src/i18n/en.ts', "import { x } from '../app/x';")).toHaveLength(1);
      expect(messages('src/shared/jid.ts', "import { x } from '../xmpp/jid';")).toHaveLength(1);
      expect(messages('src/shared/jid.ts', "import { v4 } from 'uuid';")).toEqual([
        'src/shared/jid.ts:1: shared may not import uuid (shared/ may import no package)',
      ]);
      expect(messages('src/db/writes.ts', "import { nanoid } from 'nanoid';")).toEqual([
        'src/db/writes.ts:1: db may not import nanoid (db/ may import only dexie)',
      ]);
      expect(messages('src/db/writes.ts', "import Dexie from 'dexie';")).toEqual([]);
      expect(messages('src/db/db.test.ts', "import { it } from 'vitest';")).toEqual([]);
      // Every layer may use shared/.
      for (const layer of ['xmpp', 'db', 'engine', 'app', 'ui', 'widget', 'pwa'])
        expect(messages(`src/${layer}/x.ts`, "import { bareJid } from '../shared/jid';")).toEqual(
          [],
        );
    });

    it('takes liveQuery from Dexie in one place, and runs it in ui/ only in the live adapter', () => {
      expect(messages('src/db/index.ts', "import Dexie, { liveQuery } from 'dexie';")).toEqual([]);
      expect(messages('src/db/writes.ts', "import { liveQuery } from 'dexie';")).toEqual([
        'src/db/writes.ts:1: db may not import dexie (liveQuery comes from Dexie only in src/db/index.ts; import it from db/)',
      ]);
      expect(messages('src/engine/x.ts', "import { liveQuery } from '../db';")).toEqual([]);
      expect(messages('src/ui/Chat.tsx', "import { liveQuery } from '../app/live';")).toEqual([
        'src/ui/Chat.tsx:1: ui may not import ../app/live (ui/ runs live queries only through src/ui/lib/live.ts)',
      ]);
    });
  });
});

// XML stays in xmpp/ (issue 14): the engine and the faces see typed records only.
describe('check-layers: no XML past xmpp/', () => {
  const xmlMessages = (path, source) => checkXml(path, source).map((v) => v.message);

  it('rejects reading an element in engine/, with the line', () => {
    const source = [
      "import { parseMessage, type XmlElement } from '../xmpp';",
      'function onMessage(el: XmlElement) {',
      "  if (el.attrs['from']) return el.getChild('body');",
      '}',
    ].join('\n');
    expect(xmlMessages('src/engine/index.ts', source)).toEqual([
      'src/engine/index.ts:1: engine reads XML (XmlElement): parse it in src/xmpp/ and pass a typed record',
      'src/engine/index.ts:2: engine reads XML (XmlElement): parse it in src/xmpp/ and pass a typed record',
      'src/engine/index.ts:3: engine reads XML (.attrs): parse it in src/xmpp/ and pass a typed record',
      'src/engine/index.ts:3: engine reads XML (.getChild): parse it in src/xmpp/ and pass a typed record',
    ]);
    expect(xmlMessages('src/app/x.ts', 'const n = iq.children.length;')).toHaveLength(1);
    expect(xmlMessages('src/ui/X.tsx', 'const t = el.getChildText("body");')).toHaveLength(1);
  });

  it('allows handing an element to an xmpp/ parser, and reading XML in xmpp/ and tests', () => {
    const pass = 'const info = parseDiscoInfo(await session.request(buildDiscoInfo(jid)));';
    expect(xmlMessages('src/engine/rooms.ts', pass)).toEqual([]);
    const read = "const to = el.attrs['to'];";
    expect(xmlMessages('src/xmpp/muc.ts', read)).toEqual([]);
    expect(xmlMessages('src/engine/rooms.test.ts', read)).toEqual([]);
    expect(xmlMessages('src/engine/testing.ts', read)).toEqual([]);
  });

  it("lets ui/ render Solid's props.children", () => {
    expect(xmlMessages('src/ui/Frame.tsx', 'const c = () => <div>{props.children}</div>;')).toEqual(
      [],
    );
  });
});
