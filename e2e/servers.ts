// The XMPP servers the end-to-end suite runs against, one Playwright project each.

export type ServerKind = 'prosody' | 'ejabberd';

/** PARLEY_PROSODY_URL, PARLEY_EJABBERD_SHOP_URL, …: what the global setup started, by server. */
export const serverEnvName = (kind: ServerKind, key: string) =>
  `PARLEY_${kind.toUpperCase()}_${key}`;
