import { StackEndpoints } from './endpoints';
import { StackPaths } from './stack-paths';

/** What every stack operation works with: where state lives, the endpoints, and progress output. */
export interface StackContext {
  paths: StackPaths;
  endpoints: StackEndpoints;
  log: (line: string) => void;
}
