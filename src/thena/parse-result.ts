// Parsers of incoming webhooks return a value or a reason, never throw: a malformed event is an
// expected input to answer (and log) and not a bug.
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
