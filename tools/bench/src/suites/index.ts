import type { BenchSuite } from '../bench-result';
import { envSuite } from './env';
import { eventsSuite } from './events';
import { ledgerSuite } from './ledger';

/** Every benchmark suite; `npm run bench -- <name>`. */
export const SUITES: BenchSuite[] = [eventsSuite, envSuite, ledgerSuite];
