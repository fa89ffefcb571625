// Response bodies: bare data as most documented endpoints show, or the `{ data, status, message,
// timestamp }` envelope the custom-field (and, per config, every) endpoint uses.
import type { ThenaPlatform } from '../platform.ts';

export function envelope(
  platform: ThenaPlatform,
  data: unknown,
  message = 'Success',
): Record<string, unknown> {
  return { data, status: true, message, timestamp: new Date(platform.clock.now()).toISOString() };
}

/** The shape for endpoints documented with bare bodies, unless the config asks for envelopes. */
export function documented(platform: ThenaPlatform, data: unknown): unknown {
  return platform.config.responseShape === 'enveloped' ? envelope(platform, data) : data;
}
