/** A run as the tracker stores it; `toMlflowRun` shapes it for the wire. */
export interface RunInfo {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: string;
  startTime: number;
  endTime: number | null;
  lifecycleStage: 'active' | 'deleted';
  artifactUri: string;
  parentRunId: string | null;
  codeCommit: string | null;
  codeDirty: boolean | null;
  codeDiffDigest: string | null;
  environmentFingerprint: string | null;
}

export interface MetricValue {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface DatasetInputRow {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
  context: string | null;
  tags: { key: string; value: string }[];
}

export interface Run {
  info: RunInfo;
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  metrics: MetricValue[];
  inputs: DatasetInputRow[];
}

export const TERMINAL_STATUSES = ['FINISHED', 'FAILED', 'KILLED'] as const;
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', ...TERMINAL_STATUSES] as const;
