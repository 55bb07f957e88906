import { v5 as uuidv5 } from 'uuid';
import { formatProvRef, type ProvRef } from '@provenant/contracts';
import type { LeafEvent } from '../lineage/leaf-event-reader';
import { JOB_KINDS } from '../lineage/marquez-lineage.usecase';
import { micros } from '../lineage/provenance-node';
import type { Facets, OpenLineageDataset, OpenLineageRunEvent, RunEventType } from './run-event';
import { facetSchemaUrl, PROVENANT_FACET_SCHEMA_URL, RUN_EVENT_SCHEMA_URL } from './run-event-schema';

/** UUID v5 namespace of exported run ids: `runId = v5("<kind>:<id>")`, stable across exports. */
export const EXPORT_RUN_NAMESPACE = '6f0c1c1e-3d3b-5a4e-9c55-7b0e1f2a9d41';
export const exportRunId = (kind: string, id: string) => uuidv5(`${kind}:${id}`, EXPORT_RUN_NAMESPACE);

/** The event types exported, each the record of a run of some Provenant activity. */
export const EXPORTED_TYPES = [
  'RunStarted',
  'RunCompleted',
  'MaterializationCompleted',
  'TrainingSetCreated',
];

export interface ExportSettings {
  /** Job and dataset namespace of every exported node (LEDGER_OPENLINEAGE_NAMESPACE). */
  namespace: string;
  /** `producer` / `_producer` URI (LEDGER_OPENLINEAGE_PRODUCER). */
  producer: string;
  /** The log's origin, named in the `provenant` run facet. */
  origin: string;
}

export interface SchemaField {
  name: string;
  type: string;
  description?: string;
}

/** Standard facet versions, as in lineage-governance.md §2.2. */
const FACETS = {
  jobType: ['JobTypeJobFacet', '2-0-4'],
  sourceCodeLocation: ['SourceCodeLocationJobFacet', '1-1-0'],
  nominalTime: ['NominalTimeRunFacet', '1-0-1'],
  parent: ['ParentRunFacet', '1-2-0'],
  errorMessage: ['ErrorMessageRunFacet', '1-0-1'],
  version: ['DatasetVersionDatasetFacet', '1-0-1'],
  schema: ['SchemaDatasetFacet', '1-2-0'],
  dataSource: ['DatasourceDatasetFacet', '1-0-1'],
  outputStatistics: ['OutputStatisticsOutputDatasetFacet', '1-0-2'],
} as const;

const isUri = (s: string | null | undefined): s is string => !!s && /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s);
const RUN_STATUS: Record<string, RunEventType> = {
  FINISHED: 'COMPLETE',
  FAILED: 'FAIL',
  KILLED: 'ABORT',
};

/**
 * Maps the ledger's records of runs, materializations and training sets to OpenLineage RunEvents
 * (reference lineage-governance.md §2): RunStarted → START, RunCompleted → COMPLETE / FAIL / ABORT,
 * MaterializationCompleted and TrainingSetCreated → a START and a terminal event each. Nodes are
 * named as the ledger's Marquez API names them: namespace `settings.namespace`, the PROV
 * reference as the dataset name, so `dataset:<ns>:<ref>` is the same node in both.
 */
export class OpenLineageExportMapper {
  constructor(
    private readonly settings: ExportSettings,
    /** Feature view schemas by reference (`feature_view:<name>@v<n>`), from FeatureViewApplied. */
    private readonly viewSchemas: Map<string, SchemaField[]> = new Map(),
  ) {}

  toRunEvents(leaf: LeafEvent): OpenLineageRunEvent[] {
    const v = leaf.value;
    if (!v) return [];
    switch (leaf.eventType) {
      case 'RunStarted':
        return [this.runStarted(leaf, v)];
      case 'RunCompleted':
        return [this.runCompleted(leaf, v)];
      case 'MaterializationCompleted':
        return this.materialization(leaf, v);
      case 'TrainingSetCreated':
        return this.trainingSet(leaf, v);
      default:
        return [];
    }
  }

  private runStarted(leaf: LeafEvent, v: any): OpenLineageRunEvent {
    const facets: Facets = {
      nominalTime: this.facet('nominalTime', { nominalStartTime: micros(v.startTime) }),
    };
    if (v.parentRunId)
      facets.parent = this.facet('parent', {
        run: { runId: exportRunId('run', v.parentRunId) },
        job: this.jobId(`experiment:${v.experimentId}`),
      });
    const jobFacets = this.jobFacets('ML_TRAINING_RUN');
    if (v.code && isUri(v.code.repoUrl))
      jobFacets.sourceCodeLocation = this.facet('sourceCodeLocation', {
        type: 'git',
        url: v.code.repoUrl,
        repoUrl: v.code.repoUrl,
        version: v.code.commit,
        ...(v.code.branch ? { branch: v.code.branch } : {}),
      });
    return this.event(leaf, 'START', micros(v.startTime)!, exportRunId('run', v.runId), {
      jobName: `experiment:${v.experimentId}`,
      jobFacets,
      runFacets: facets,
    });
  }

  private runCompleted(leaf: LeafEvent, v: any): OpenLineageRunEvent {
    return this.event(
      leaf,
      RUN_STATUS[v.status] ?? 'OTHER',
      micros(v.endTime)!,
      exportRunId('run', v.runId),
      {
        jobName: `experiment:${v.experimentId}`,
        jobFacets: this.jobFacets('ML_TRAINING_RUN'),
        runFacets: {
          nominalTime: this.facet('nominalTime', {
            nominalStartTime: micros(v.startTime),
            nominalEndTime: micros(v.endTime),
          }),
        },
      },
    );
  }

  private materialization(leaf: LeafEvent, v: any): OpenLineageRunEvent[] {
    const runId = exportRunId('materialization', v.materializationId);
    const jobName = `materialize:${v.featureView}`;
    const jobFacets = this.jobFacets('MATERIALIZATION', v.mode === 'STREAM' ? 'STREAMING' : 'BATCH');
    const runFacets: Facets =
      v.windowStart === null || v.windowStart === undefined
        ? {}
        : {
            nominalTime: this.facet('nominalTime', {
              nominalStartTime: micros(v.windowStart),
              nominalEndTime: micros(v.windowEnd),
            }),
          };
    const failed = v.status === 'FAILED';
    const online: OpenLineageDataset = {
      namespace: this.settings.namespace,
      name: `online_store:${v.featureView}@v${v.featureViewVersion}`,
      facets: v.rowsDigest ? { version: this.facet('version', { datasetVersion: v.rowsDigest }) } : {},
      outputFacets: { outputStatistics: this.facet('outputStatistics', { rowCount: v.rowsWritten }) },
    };
    const terminalFacets: Facets = { ...runFacets };
    // The materializer is TypeScript on Node.js; its error text is the whole message it recorded.
    if (failed)
      terminalFacets.errorMessage = this.facet('errorMessage', {
        message: v.error ?? 'materialization failed without an error message',
        programmingLanguage: 'TypeScript',
      });
    return [
      this.event(leaf, 'START', micros(v.startedAt)!, runId, { jobName, jobFacets, runFacets, outputs: [] }),
      this.event(leaf, failed ? 'FAIL' : 'COMPLETE', micros(v.completedAt)!, runId, {
        jobName,
        jobFacets,
        runFacets: terminalFacets,
        outputs: failed ? [] : [online],
      }),
    ];
  }

  private trainingSet(leaf: LeafEvent, v: any): OpenLineageRunEvent[] {
    const runId = exportRunId('training_set', v.trainingSetId);
    const jobName = `training_set:${v.name}`;
    const jobFacets = this.jobFacets('TRAINING_SET');
    const outputs = this.datasets(leaf.meta.generated).map((d) => ({
      ...d,
      facets: {
        ...d.facets,
        ...(isUri(v.outputUri) ? { dataSource: this.facet('dataSource', { uri: v.outputUri }) } : {}),
      },
      outputFacets: { outputStatistics: this.facet('outputStatistics', { rowCount: v.rowCount }) },
    }));
    // TrainingSetCreated records the build once it is done, so both events carry its time.
    const at = micros(leaf.meta.occurredAt)!;
    return [
      this.event(leaf, 'START', at, runId, { jobName, jobFacets, runFacets: {}, outputs: [] }),
      this.event(leaf, 'COMPLETE', at, runId, { jobName, jobFacets, runFacets: {}, outputs }),
    ];
  }

  private event(
    leaf: LeafEvent,
    eventType: RunEventType,
    eventTime: string,
    runId: string,
    o: { jobName: string; jobFacets: Facets; runFacets: Facets; outputs?: OpenLineageDataset[] },
  ): OpenLineageRunEvent {
    return {
      eventType,
      eventTime,
      run: {
        runId,
        facets: {
          ...o.runFacets,
          provenant: {
            _producer: this.settings.producer,
            _schemaURL: PROVENANT_FACET_SCHEMA_URL,
            leafIndex: leaf.leafIndex,
            eventId: leaf.eventId,
            eventType: leaf.eventType,
            origin: this.settings.origin,
          },
        },
      },
      job: { ...this.jobId(o.jobName), facets: o.jobFacets },
      inputs: this.datasets(leaf.meta.used),
      outputs: o.outputs ?? this.datasets(leaf.meta.generated),
      producer: this.settings.producer,
      schemaURL: RUN_EVENT_SCHEMA_URL,
    };
  }

  /** Entities only: activities (runs, experiments…) are jobs, commits become sourceCodeLocation. */
  private datasets(refs: ProvRef[]): OpenLineageDataset[] {
    return refs
      .filter((r) => !JOB_KINDS.has(r.kind) && r.kind !== 'commit')
      .map((r) => {
        const name = formatProvRef(r);
        const facets: Facets = {};
        if (r.digest) facets.version = this.facet('version', { datasetVersion: r.digest });
        if (r.kind === 'source' && isUri(r.id))
          facets.dataSource = this.facet('dataSource', { name: r.id, uri: r.id });
        const fields = this.viewSchemas.get(name);
        if (fields) facets.schema = this.facet('schema', { fields });
        return { namespace: this.settings.namespace, name, facets };
      });
  }

  private jobId(name: string) {
    return { namespace: this.settings.namespace, name };
  }

  private jobFacets(jobType: string, processingType = 'BATCH'): Facets {
    return { jobType: this.facet('jobType', { processingType, integration: 'PROVENANT', jobType }) };
  }

  private facet(key: keyof typeof FACETS, fields: Record<string, unknown>) {
    const [name, version] = FACETS[key];
    return { _producer: this.settings.producer, _schemaURL: facetSchemaUrl(name, version), ...fields };
  }
}
