/**
 * Fault injection for the reliability tests: `JIH_FAULTS=draw:after-visits` makes the draw throw
 * at that point, inside its transaction; `JIH_FAULTS=draw:after-visits=crash` kills the process
 * there (SIGKILL, as a power cut would), leaving PostgreSQL to roll the open transaction back.
 * Refused outside NODE_ENV=test, so production code paths can never be made to fail on purpose.
 */
export function injectFault(point: string): void {
  if (process.env.NODE_ENV !== 'test') return;
  for (const fault of (process.env.JIH_FAULTS ?? '').split(',')) {
    const [at, mode] = fault.split('=');
    if (at !== point) continue;
    if (mode === 'crash') process.kill(process.pid, 'SIGKILL');
    throw new Error(`injected fault at ${point}`);
  }
}
