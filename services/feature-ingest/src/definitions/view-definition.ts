import type { ValueType } from '@provenant/contracts';

/** What ingestion needs of a feature view version, as learned from FeatureViewApplied. */
export interface ViewDefinition {
  name: string;
  version: number;
  entities: string[];
  features: { name: string; valueType: ValueType }[];
  ttlMicros: number;
  timestampField: string;
}

/** A view with the join keys of its entities, in order: the columns of its entity key. */
export interface ResolvedView extends ViewDefinition {
  joinKeys: { name: string; valueType: ValueType }[];
}

export type ViewLookup = { ok: true; view: ResolvedView } | { ok: false; message: string };
