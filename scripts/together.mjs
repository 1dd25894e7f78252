// Runs npm scripts side by side (`node scripts/together.mjs typecheck build`): each one's output
// is printed whole when it ends, and the run fails if any of them fails. `npm test` uses it for
// the typecheck (one core: tsc) beside the build, which does not need it.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) {
  console.error('usage: node scripts/together.mjs SCRIPT...');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
      child.on('close', (code, signal) => {
        const took = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `\n=== npm run ${name}: ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${took} s\n`,
        );
        process.stdout.write(Buffer.concat(out));
        resolve(code === 0);
      });
    }),
);
const ok = await Promise.all(runs);
process.exit(ok.every(Boolean) ? 0 : 1);
