/** Drops the template database and stops the embedded server started by global-setup. */
export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __jihStop?: () => Promise<void> }).__jihStop;
  await stop?.();
}
