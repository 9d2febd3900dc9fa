/**
 * Cleanup that also runs when the bench is interrupted (SIGINT, SIGTERM, SIGHUP), since `finally` does
 * not: a tmpfs must not stay mounted because someone pressed Ctrl-C. After cleaning up, the
 * process dies of the same signal, as it would have. Only for system changes: while it is
 * registered, a signal waits for the current synchronous step to end.
 */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const passive = new Set<() => void>();

/**
 * Also runs `cleanup` (after the section's own) when a signal interrupts a {@link withCleanup}
 * section, which would otherwise skip the caller's `finally`. Installs no handler of its own, so
 * outside such sections a signal still ends the process at once. Returns the unregistration.
 */
export function alsoOnInterrupt(cleanup: () => void): () => void {
  passive.add(cleanup);
  return () => {
    passive.delete(cleanup);
  };
}

export async function withCleanup<T>(cleanup: () => void, use: () => Promise<T>): Promise<T> {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cleanup();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const s of SIGNALS) process.off(s, onSignal);
    try {
      once();
    } finally {
      for (const cleanup of passive) {
        try {
          cleanup();
        } catch {
          // Best effort: the signal must still end the process.
        }
      }
      passive.clear();
      process.kill(process.pid, signal);
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    return await use();
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    once();
  }
}
