/**
 * Cleanup that also runs when the bench is interrupted (SIGINT, SIGTERM), since `finally` does
 * not: a tmpfs must not stay mounted because someone pressed Ctrl-C. After cleaning up, the
 * process dies of the same signal, as it would have. Only for system changes: while it is
 * registered, a signal waits for the current synchronous step to end.
 */
export async function withCleanup<T>(cleanup: () => void, use: () => Promise<T>): Promise<T> {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cleanup();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    try {
      once();
    } finally {
      process.kill(process.pid, signal);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await use();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    once();
  }
}
