export * from './rfc9162-hash';
export * from './tree-geometry';
export * from './compact-range';
export * from './proof-verify';
export * from './signed-note';
export * from './checkpoint';
