// The envelope of batch responses: `{status, results, startedAt, completedAt}` (+ `numErrors`,
// `errors` and HTTP 207 when some inputs failed).
import type { FastifyReply } from 'fastify';
import type { EmulatorClock } from '../clock.ts';
import { validationError, type StandardError } from '../errors.ts';

export const MAX_BATCH_INPUTS = 100;

export function batchInputs(
  body: Record<string, unknown>,
  max = MAX_BATCH_INPUTS,
): Array<Record<string, unknown>> {
  const inputs = body.inputs;
  if (!Array.isArray(inputs)) {
    throw validationError(
      'Invalid input JSON on line 1, column 2. Some required fields were not set: [inputs]',
    );
  }
  if (inputs.length > max) {
    throw validationError(`Too many inputs: ${inputs.length}. A batch accepts at most ${max} inputs.`, {
      context: { limit: [String(max)] },
    });
  }
  return inputs.map((input: unknown) =>
    input && typeof input === 'object' ? (input as Record<string, unknown>) : {},
  );
}

export function batchResponse(
  reply: FastifyReply,
  clock: EmulatorClock,
  startedAt: number,
  results: unknown[],
  errors: StandardError[],
  okStatus: number,
): Record<string, unknown> {
  const body: Record<string, unknown> = { status: 'COMPLETE', results };
  if (errors.length > 0) {
    body.numErrors = errors.length;
    body.errors = errors;
  }
  // Batch timestamps follow the emulator's clock, like the records they describe.
  body.startedAt = new Date(startedAt).toISOString();
  body.completedAt = new Date(clock.now()).toISOString();
  void reply.code(errors.length > 0 ? 207 : okStatus);
  return body;
}
