// Validates response bodies against HubSpot's own OpenAPI specs (../shared/hubspot-openapi), read
// at run time. `$ref`s point into each file's `#/components/schemas/...`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const SPEC_DIR = process.env.HUBSPOT_OPENAPI_DIR ?? '/work/shared/hubspot-openapi';

export type SpecFile =
  | 'crm-contacts-v3.json'
  | 'crm-companies-v3.json'
  | 'crm-objects-v3.json'
  | 'crm-properties-v3.json'
  | 'crm-associations-v4.json'
  | 'crm-associations-schema-v4.json'
  | 'auth-oauth-v1.json'
  | 'webhooks-v3.json';

// ajv-formats is CommonJS; under ESM its function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
  for (const file of readdirSync(SPEC_DIR).filter((name) => name.endsWith('.json'))) {
    const spec = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as { components: unknown };
    ajv.addSchema({ $id: file, components: spec.components });
  }
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

export function schemaErrors(file: SpecFile, schema: string, body: unknown): string | undefined {
  shared ??= createAjv();
  const key = `${file}#/components/schemas/${schema}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = shared.compile({ $ref: key });
    compiled.set(key, validate);
  }
  if (validate(body)) return undefined;
  return shared.errorsText(validate.errors, { separator: '\n' });
}

/** Throws with ajv's explanation when `body` does not match the spec's schema. */
export function assertSchema(file: SpecFile, schema: string, body: unknown): void {
  const errors = schemaErrors(file, schema, body);
  if (errors)
    throw new Error(
      `response does not match ${file} ${schema}:\n${errors}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
}
