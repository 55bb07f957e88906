export * from './generated';
export * from './feature-value';
export * from './prov-ref';
export * from './timestamp-micros';
export * from './topic-names';
