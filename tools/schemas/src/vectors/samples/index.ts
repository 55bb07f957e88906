import type { EventMap } from '@provenant/contracts';
import * as features from './features.samples';
import * as environments from './environments.samples';
import * as lineage from './lineage.samples';
import * as models from './models.samples';
import * as predictions from './predictions.samples';
import * as runs from './runs.samples';

/**
 * One fixed sample per event type, the input of the golden vectors. Typed as the full EventMap,
 * so a new event type does not compile until it has a sample.
 */
export const GOLDEN_SAMPLES: { readonly [K in keyof EventMap]: EventMap[K] } = {
  EntityApplied: features.entityApplied,
  FeatureViewApplied: features.featureViewApplied,
  FeatureServiceApplied: features.featureServiceApplied,
  FeatureRowBatch: features.featureRowBatch,
  FeatureRowsIngested: features.featureRowsIngested,
  FeatureRowsRejected: features.featureRowsRejected,
  LateDataDetected: features.lateDataDetected,
  MaterializationCompleted: features.materializationCompleted,
  DatasetVersionRegistered: runs.datasetVersionRegistered,
  TrainingSetCreated: runs.trainingSetCreated,
  ExperimentCreated: runs.experimentCreated,
  RunStarted: runs.runStarted,
  RunParamsLogged: runs.runParamsLogged,
  RunMetricsLogged: runs.runMetricsLogged,
  RunTagsSet: runs.runTagsSet,
  RunInputsLogged: runs.runInputsLogged,
  ArtifactLogged: runs.artifactLogged,
  RunCompleted: runs.runCompleted,
  RegisteredModelCreated: models.registeredModelCreated,
  ModelVersionRegistered: models.modelVersionRegistered,
  ModelCardPublished: models.modelCardPublished,
  PromotionRequested: models.promotionRequested,
  PromotionDecided: models.promotionDecided,
  ModelVersionPromoted: models.modelVersionPromoted,
  ModelDeployed: models.modelDeployed,
  EnvironmentCaptured: environments.environmentCaptured,
  EnvironmentVerified: environments.environmentVerified,
  ReproducibilityChecked: environments.reproducibilityChecked,
  FeatureVectorServed: predictions.featureVectorServed,
  PredictionMade: predictions.predictionMade,
  LedgerCheckpointSigned: predictions.ledgerCheckpointSigned,
  LedgerIntegrityViolation: predictions.ledgerIntegrityViolation,
  OpenLineageEventReceived: lineage.openLineageEventReceived,
};
