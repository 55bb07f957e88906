import type { BenchSuite } from '../bench-result';
import { eventsSuite } from './events';

/** Every benchmark suite; `npm run bench -- <name>`. */
export const SUITES: BenchSuite[] = [eventsSuite];
