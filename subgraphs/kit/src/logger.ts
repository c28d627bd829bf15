import pino from 'pino';

/** One structured JSON logger per process; the service name is on every line. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info') {
  return pino({ name: service, level, base: { service } });
}
export type Logger = ReturnType<typeof createLogger>;
