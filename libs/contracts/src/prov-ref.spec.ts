import { formatProvRef, parseProvRef, provRef } from './prov-ref';

describe('provRef', () => {
  it.each([
    [provRef.dataset('driver_stats', 'sha256:ab12'), 'dataset:driver_stats@sha256:ab12'],
    [provRef.run('0192f'), 'run:0192f'],
    [provRef.modelVersion('fraud-detector', 3), 'model:fraud-detector/3'],
    [provRef.env('sha256:ff00'), 'env:sha256:ff00'],
    [provRef.featureView('driver_stats', 2), 'feature_view:driver_stats@v2'],
    [provRef.commit('3f9a'), 'commit:git:3f9a'],
    [provRef.artifact('sha256:0a'), 'artifact:sha256:0a'],
    [provRef.batch('b-1'), 'batch:b-1'],
    [provRef.request('req-7'), 'request:req-7'],
    [provRef.prediction('p-1'), 'prediction:p-1'],
  ])('renders %o canonically as %s', (reference, text) => {
    expect(formatProvRef(reference)).toBe(text);
    expect(parseProvRef(text)).toEqual({ kind: reference.kind, id: reference.id });
  });

  it('carries the digest of content-addressed things', () => {
    expect(provRef.dataset('d', 'sha256:ab')).toEqual({
      kind: 'dataset',
      id: 'd@sha256:ab',
      digest: 'sha256:ab',
      role: null,
    });
  });

  it('refuses malformed digests and empty ids', () => {
    expect(() => provRef.artifact('SHA256:AB')).toThrow('digest must be <algorithm>:<lowercase hex>');
    expect(() => provRef.run('')).toThrow('empty id');
    expect(() => parseProvRef('no-colon')).toThrow('not a <kind>:<id> reference');
  });
});
