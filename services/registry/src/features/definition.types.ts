import type { DefinitionChange, ValueType } from '@provenant/contracts';

export type DefinitionKind = 'entity' | 'feature_view' | 'feature_service';
export const DEFINITION_KINDS: DefinitionKind[] = ['entity', 'feature_view', 'feature_service'];

interface Described {
  name: string;
  description: string | null;
  owner: string | null;
  tags: Record<string, string>;
}

export interface EntitySpec extends Described {
  joinKeys: { name: string; valueType: ValueType }[];
}

export interface FeatureViewSpec extends Described {
  entities: string[];
  features: {
    name: string;
    valueType: ValueType;
    description: string | null;
    tags: Record<string, string>;
  }[];
  ttlMicros: number;
  source: { kind: string; uri: string | null; timestampField: string; createdTimestampField: string | null };
  online: boolean;
  freshnessThresholdMicros: number | null;
  materializationSchedule: string | null;
}

export interface FeatureServiceSpec extends Described {
  projections: { featureView: string; featureViewVersion: number; features: string[] }[];
}

export type DefinitionSpec = EntitySpec | FeatureViewSpec | FeatureServiceSpec;

/** The latest revision of one applied object, as the registry stores it. */
export interface AppliedDefinition {
  kind: DefinitionKind;
  name: string;
  version: number;
  revision: number;
  change: DefinitionChange;
  spec: DefinitionSpec;
  digest: string;
}

export type PlannedAction = Exclude<DefinitionChange, 'UNKNOWN'>;

export interface PlannedChange {
  kind: DefinitionKind;
  name: string;
  change: PlannedAction;
  fromVersion: number | null;
  toVersion: number;
  spec: DefinitionSpec;
  digest: string;
  /** One line per difference, e.g. `feature conv_rate: FLOAT32 -> FLOAT64 (breaking)`. */
  details: string[];
}

export interface ObjectRef {
  kind: DefinitionKind;
  name: string;
  version: number;
}

export interface Plan {
  changes: PlannedChange[];
  unchanged: ObjectRef[];
  /** Applied objects missing from the repository: kept, because removals must be explicit. */
  notInRepo: ObjectRef[];
}

export interface RepoIssue {
  path: string;
  message: string;
}

/** The repository is well-formed JSON but not a valid set of definitions (422). */
export class RepoValidationError extends Error {
  constructor(readonly issues: RepoIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

export const keyOf = (kind: DefinitionKind, name: string) => `${kind}:${name}`;
