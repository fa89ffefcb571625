// The process logger: JSON lines in production, pretty in the demo, secrets redacted by path.
import { pino, type Logger as PinoLogger } from 'pino';

const REDACT = [
  'accessToken',
  'refreshToken',
  'botToken',
  'token',
  'secret',
  'password',
  '*.accessToken',
  '*.refreshToken',
  '*.botToken',
  '*.token',
  '*.secret',
  '*.clientSecret',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-bot-key"]',
  'req.headers.cookie',
];

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): PinoLogger {
  const base = { level: options.level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (options.pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
      },
    });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}
