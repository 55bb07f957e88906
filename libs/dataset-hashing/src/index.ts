export * from './build-manifest';
export * from './diff-manifests';
export * from './file-digests';
export * from './hash-cache';
export * from './hash-pool';
export * from './manifest';
export * from './scan';
