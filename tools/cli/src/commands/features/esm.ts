import type * as Hyparquet from 'hyparquet';
import type * as HyparquetWriter from 'hyparquet-writer';

// hyparquet is ESM-only. Node 20.19+ can require() ES modules, but Jest's module registry cannot,
// so load it through Node's own require (process.getBuiltinModule bypasses Jest's interception).
const nodeRequire = (process as unknown as { getBuiltinModule(id: string): typeof import('node:module') })
  .getBuiltinModule('node:module')
  .createRequire(__filename);

export const hyparquet = (): typeof Hyparquet => nodeRequire('hyparquet');
export const hyparquetWriter = (): typeof HyparquetWriter => nodeRequire('hyparquet-writer');
