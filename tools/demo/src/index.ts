// The demo's pipeline, reused by the labs in examples/labs (the entry point is main.ts).
export * from './pipeline/context';
export * from './pipeline/features.step';
export * from './pipeline/training.step';
export * from './pipeline/governance.step';
export * from './pipeline/serving.step';
export * from './pipeline/audit.step';
export * from './pipeline/run-pipeline';
export * from './model/couriers';
export * from './model/logistic';
