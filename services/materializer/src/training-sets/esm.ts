import type * as HyparquetWriter from 'hyparquet-writer';

// hyparquet-writer is ESM-only. Node 20.19+ can require() ES modules, but Jest's module registry
// cannot, so load it through Node's own require (process.getBuiltinModule bypasses Jest).
const nodeRequire = (process as unknown as { getBuiltinModule(id: string): typeof import('node:module') })
  .getBuiltinModule('node:module')
  .createRequire(__filename);

export const hyparquetWriter = (): typeof HyparquetWriter => nodeRequire('hyparquet-writer');
