/** The parts of an OpenLineage RunEvent (spec 2-0-2) this service builds and reads. */
export interface OpenLineageFacet {
  _producer: string;
  _schemaURL: string;
  [field: string]: unknown;
}
export type Facets = Record<string, OpenLineageFacet>;

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets?: Facets;
  inputFacets?: Facets;
  outputFacets?: Facets;
}

export type RunEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';

export interface OpenLineageRunEvent {
  eventType?: RunEventType;
  eventTime: string;
  run: { runId: string; facets?: Facets };
  job: { namespace: string; name: string; facets?: Facets };
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
  producer: string;
  schemaURL: string;
}
