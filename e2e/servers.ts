// The XMPP servers the end-to-end suite runs against, one Playwright project each.

export type ServerKind = 'prosody' | 'ejabberd';

/** PARLEY_PROSODY_URL, PARLEY_EJABBERD_SHOP_URL, …: what the global setup started, by server. */
export const serverEnvName = (kind: ServerKind, key: string) =>
  `PARLEY_${kind.toUpperCase()}_${key}`;

/** The projects named with `--project` (or `--project=`) on a Playwright command line. */
export function chosenProjects(argv: readonly string[]): string[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--project' && argv[i + 1]) names.push(argv[i + 1] as string);
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
  });
  return names;
}
