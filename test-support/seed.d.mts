// Types for test-support/seed.mjs (plain Node ESM, so the Playwright benchmark can import it).

export interface RosterItem {
  jid: string;
  name: string;
  groups?: string[];
  subscription?: 'both' | 'to' | 'from' | 'none';
}

export interface ArchivedChat {
  /** Full JID of the sender. */
  from: string;
  to: string;
  /** The peer's bare JID, as mod_mam records it. */
  with: string;
  /** Absent for an item that only carries a marker or a receipt. */
  body?: string;
  /** A chat marker (XEP-0333) for our message `id`. */
  marker?: { name: 'displayed' | 'received'; id: string };
  /** A delivery receipt (XEP-0184) for message `id`. */
  receipt?: string;
  /** A shared file's URL (XEP-0066 out-of-band data); its body is the same URL. */
  oob?: string;
  /** Stanza id, also used as the XEP-0359 origin-id. */
  id: string;
  /** Seconds since 1970. */
  when: number;
}

export const SQL_STORAGE: string;
export function writeRoster(
  dataPath: string,
  host: string,
  user: string,
  items: RosterItem[],
): void;
export function writeArchive(
  dataPath: string,
  host: string,
  user: string,
  messages: ArchivedChat[],
): void;
export function migrateArchiveToSql(dataDir: string, dataPath: string, host: string): Promise<void>;
