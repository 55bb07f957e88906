// The schema model, for tools that need more than @provenant/contracts (the CLI, benchmarks).
export * from './model/schema-files';
export * from './model/schema-set';
export * from './model/topic-map';
export * from './model/writer-history';
export * from './compat/schema-set-comparison';
