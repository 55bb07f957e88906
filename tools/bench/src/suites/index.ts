import type { BenchSuite } from '../bench-result';
import { envSuite } from './env';
import { eventsSuite } from './events';
import { hashingSuite } from './hashing';
import { offlineSuite } from './offline';
import { ledgerSuite } from './ledger';
import { onlineSuite } from './online';
import { trackerSuite } from './tracker';

/** Every benchmark suite; `npm run bench -- <name>`. */
export const SUITES: BenchSuite[] = [
  eventsSuite,
  ledgerSuite,
  envSuite,
  offlineSuite,
  onlineSuite,
  hashingSuite,
  trackerSuite,
];
