// The scale tier's server: seeded once in Prosody's own formats (the roster and archive files
// of test-support/seed.mjs, the archive moved into SQLite with prosody-migrator), the rooms and
// their bookmarks made over XMPP before the snapshot, then a crowd in the biggest room. Each
// phase is timed and printed. What is seeded and why: bench/README.md "Scale tier".
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { xml } from '@xmpp/client';
import { buildBookmarkPublish } from '../../src/xmpp/bookmarks';
import { connectBot, joinRoomAs } from '../../test-support/bot';
import { writeArchive, writeRoster } from '../../test-support/seed.mjs';
import { BOT, DOMAIN, pad } from '../compare/config';
import { countSeeded, rosterOf } from '../compare/server';
import { type Crowd, gatherCrowd } from '../lib/crowd.mjs';
import { type SeededServer, seedProsody } from '../lib/seededServer';
import { serveSite } from '../server.mjs';
import { ANON_HOST, CROWD_ROOM, SCALE, SCALE_ACCOUNT } from './config';
import { type ScaleCorpus, scaleCorpus } from './corpus';

/** The rooms the account has bookmarked (autojoin), the crowd's last. */
export const scaleRooms = () => [
  ...Array.from({ length: Math.max(0, SCALE.rooms - 1) }, (_, i) => ({
    jid: `room${pad(i + 1, 2)}@conference.${DOMAIN}`,
    name: `Room ${pad(i + 1, 2)}`,
  })),
  { jid: CROWD_ROOM, name: 'Crowd' },
];

// A 1×1 PNG: what every shared file's URL answers.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const FILES = 20;

export interface ScaleServer {
  server: SeededServer;
  corpus: Pick<ScaleCorpus, 'counts' | 'files' | 'recentNames' | 'recentMessages'>;
  /** What seeding did and how long each part took, for the results' header. */
  seeding: string[];
  stop(): Promise<void>;
}

export async function seedScaleServer(): Promise<ScaleServer> {
  const seeding: string[] = [];
  const lap = (() => {
    let t = Date.now();
    return (what: string) => {
      const now = Date.now();
      seeding.push(`${what} ${((now - t) / 1000).toFixed(1)} s`);
      console.log(`scale seed: ${what} ${((now - t) / 1000).toFixed(1)} s`);
      t = now;
    };
  })();
  // The shared files: a static server of its own, up before the archive names its URLs.
  const empty = mkdtempSync(path.join(os.tmpdir(), 'parley-scale-files-'));
  const files = await serveSite({
    root: empty,
    generated: Object.fromEntries(
      Array.from({ length: FILES }, (_, i) => [
        `/files/photo-${i}.png`,
        { type: 'image/png', body: PNG },
      ]),
    ),
  });
  const base = files.url.replace(/\/$/, '');
  const now = Math.floor(Date.now() / 1000);
  const corpus = scaleCorpus(SCALE, now, (k) => `${base}/files/photo-${k % FILES}.png`);
  lap(`laying out ${SCALE.messages.toLocaleString('en')} messages:`);
  const rooms = scaleRooms();
  const server = await seedProsody({
    prefix: 'parley-scale-',
    domain: DOMAIN,
    accounts: [
      [SCALE_ACCOUNT.user, SCALE_ACCOUNT.password],
      [BOT, 'bot-pass-1'],
    ],
    extraConfig: `VirtualHost ${JSON.stringify(ANON_HOST)}\n  authentication = "anonymous"`,
    write(dataPath) {
      lap('registering the accounts (prosodyctl):');
      writeRoster(dataPath, DOMAIN, SCALE_ACCOUNT.user, rosterOf(SCALE_ACCOUNT));
      // Each contact's roster has the account, so presence probes are answered "unavailable".
      for (let i = 0; i < SCALE.contacts; i++)
        writeRoster(dataPath, DOMAIN, `contact${pad(i, 4)}`, [
          { jid: SCALE_ACCOUNT.jid, name: SCALE_ACCOUNT.user },
        ]);
      writeArchive(dataPath, DOMAIN, SCALE_ACCOUNT.user, corpus.items);
      lap(`writing ${SCALE.contacts + 1} rosters and the archive file:`);
    },
    async live(prosody) {
      lap('moving the archive into SQLite (prosody-migrator):');
      const me = await connectBot({
        service: prosody.websocketUrl,
        domain: DOMAIN,
        username: SCALE_ACCOUNT.user,
        password: SCALE_ACCOUNT.password,
        presence: false,
      });
      for (const room of rooms) {
        await joinRoomAs(me, room.jid, SCALE_ACCOUNT.user, 30_000);
        await me.xmpp.iqCaller.request(roomConfig(room.jid, room.name));
        await me.xmpp.iqCaller.request(
          buildBookmarkPublish({
            room: room.jid,
            autojoin: true,
            nick: SCALE_ACCOUNT.user,
            name: room.name,
          }),
        );
        await me.xmpp.send(
          xml('presence', { to: `${room.jid}/${SCALE_ACCOUNT.user}`, type: 'unavailable' }),
        );
      }
      await me.stop();
      lap(`${rooms.length} rooms made and bookmarked over XMPP:`);
    },
  });
  lap('snapshot and start:');

  // Checked through the server before anything is measured.
  const { archived, contacts } = await countSeeded(server, SCALE_ACCOUNT);
  if (archived !== SCALE.messages || contacts !== SCALE.contacts)
    throw new Error(
      `Scale seed check failed: archive ${archived}/${SCALE.messages}, roster ${contacts}/${SCALE.contacts}`,
    );
  lap(`checked over XMPP (roster ${contacts}, archive ${archived}):`);

  let crowd: Crowd | null = null;
  if (SCALE.occupants > 0) {
    crowd = await gatherCrowd({
      url: server.prosody.websocketUrl,
      domain: ANON_HOST,
      room: CROWD_ROOM,
      count: SCALE.occupants,
      parallel: 20,
    });
    lap(`${SCALE.occupants} anonymous occupants in ${CROWD_ROOM}:`);
  }
  return {
    server,
    corpus: {
      counts: corpus.counts,
      files: corpus.files,
      recentNames: corpus.recentNames,
      recentMessages: corpus.recentMessages,
    },
    seeding,
    async stop() {
      await crowd?.close();
      await server.stop();
      await files.close();
      rmSync(empty, { recursive: true, force: true });
    },
  };
}

/** A room's configuration form: persistent, named, archived. */
function roomConfig(room: string, name: string) {
  const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
  return xml(
    'iq',
    { type: 'set', to: room },
    xml(
      'query',
      { xmlns: 'http://jabber.org/protocol/muc#owner' },
      xml(
        'x',
        { xmlns: 'jabber:x:data', type: 'submit' },
        field('FORM_TYPE', 'http://jabber.org/protocol/muc#roomconfig'),
        field('muc#roomconfig_roomname', name),
        field('muc#roomconfig_persistentroom', '1'),
        field('muc#roomconfig_enablearchiving', '1'),
      ),
    ),
  );
}
