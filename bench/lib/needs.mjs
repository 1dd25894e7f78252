// What `npm run bench` needs besides the Debian packages (dev/packages.mjs checks and installs
// those): each missing piece said in words, with what to do, before anything starts, instead of
// surfacing as a Prosody or Playwright error minutes into a run.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether an executable named `name` is on PATH. */
export function onPath(name, path = process.env.PATH ?? '') {
  return path.split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/**
 * The problems, one sentence each; an empty list when everything is there.
 * The lookups are parameters so a test can fake the machine.
 * @param {{ noBuild: boolean, exists?: (path: string) => boolean, hasCommand?: (name: string) => boolean }} opts
 * @returns {string[]}
 */
export function missingNeeds({ noBuild, exists = existsSync, hasCommand = onPath }) {
  const problems = [];
  if (!hasCommand('prosody-migrator'))
    problems.push(
      'prosody-migrator is not on PATH: it moves the seeded archive into SQLite and comes with ' +
        "Debian's prosody package (apt-get install prosody).",
    );
  if (!exists('node_modules/converse.js/dist/converse.min.js'))
    problems.push(
      'Converse.js is not installed (node_modules/converse.js/dist/converse.min.js is missing): ' +
        'run npm ci.',
    );
  if (noBuild && !exists('dist/index.html'))
    problems.push(
      'There is no build of Parley (dist/index.html) and --no-build was given: run without ' +
        '--no-build, or npx vite build first.',
    );
  return problems;
}
