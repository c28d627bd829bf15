/**
 * Fault injection for the reliability tests: `JIH_FAULTS=draw:after-visits` makes the draw throw
 * at that point, inside its transaction. Refused outside NODE_ENV=test, so production code paths
 * can never be made to fail on purpose.
 */
export function injectFault(point: string): void {
  if (process.env.NODE_ENV !== 'test') return;
  const faults = (process.env.JIH_FAULTS ?? '').split(',');
  if (faults.includes(point)) throw new Error(`injected fault at ${point}`);
}
