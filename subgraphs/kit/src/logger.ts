import pino from 'pino';

/**
 * One structured JSON logger per process; the service name is on every line. Tokens are never
 * logged on purpose; `redact` is the second line of defence should a header object slip into a line.
 * `destination` lets tests read the lines.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
) {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['authorization', 'headers.authorization', '*.headers.authorization', 'token'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type Logger = ReturnType<typeof createLogger>;
