import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './openlineage-run-event.schema.json';

/** OpenLineage spec version our transcription follows (openlineage-run-event.schema.json). */
export const OPENLINEAGE_SPEC = '2-0-2';
export const RUN_EVENT_SCHEMA_URL = `https://openlineage.io/spec/${OPENLINEAGE_SPEC}/OpenLineage.json#/$defs/RunEvent`;
/** `_schemaURL` of a standard facet (reference: lineage-governance.md §2.2 for the versions). */
export const facetSchemaUrl = (name: string, version: string) =>
  `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`;
/** Our custom run facet is defined in our schema file, under this `$id`. */
export const PROVENANT_FACET_SCHEMA_URL = `${schema.$id}#/$defs/ProvenantLedgerRunFacet`;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/**
 * Checks a value against our transcription of the RunEvent schema; returns the problems, each
 * naming the JSON pointer of the offending part (`/run/runId must match format "uuid"`), or [].
 */
export function runEventProblems(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
