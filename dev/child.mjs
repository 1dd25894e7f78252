// A server run as a child process (dev/prosody.mjs, dev/ejabberd.mjs): when it ends, and how
// to stop it.

/**
 * Follow `child`: `gone` resolves when it has ended, for whatever reason (or could not start);
 * `stop()` sends SIGTERM, then SIGKILL after `graceMs` (or SIGKILL at once) and resolves when
 * it is gone.
 */
export function supervise(child, { graceMs }) {
  let exited = null;
  let spawnError = null;
  const gone = new Promise((done) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      done();
    });
    child.once('error', (error) => {
      spawnError = error; // could not start (or signal): no 'exit' is promised after this
      if (child.exitCode === null && child.pid === undefined) {
        exited = { code: null, signal: null, error: error.message };
        done();
      }
    });
  });

  async function stop({ signal = 'SIGTERM' } = {}) {
    if (exited || child.pid === undefined) return;
    child.kill(signal);
    const timer =
      signal === 'SIGKILL'
        ? undefined
        : setTimeout(() => {
            if (!exited) child.kill('SIGKILL');
          }, graceMs);
    await gone;
    clearTimeout(timer);
  }

  return {
    stop,
    /** { code, signal } (or { error }) once ended; null while running. */
    exited: () => exited,
    spawnError: () => spawnError,
    /** Resolves with exited() when the process has ended. */
    ended: gone.then(() => exited),
  };
}
