/**
 * Runs `once` one call at a time. A request that comes while it runs makes it run once more
 * afterwards (while `active()` holds), so nothing written meanwhile waits for the next trigger.
 */
export function createDrain(
  once: () => Promise<void>,
  active: () => boolean,
  onError: (err: unknown) => void,
) {
  let running = false;
  let again = false;
  return function drain() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    once()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again && active()) {
          again = false;
          drain();
        }
      });
  };
}
