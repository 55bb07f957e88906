import path from 'node:path';

export interface StackPaths {
  repoRoot: string;
  /** git-ignored; everything the native stack writes lives here */
  stateDir: string;
  /** pom.xml, server.properties and log4j2.properties of the local broker */
  kafkaConfigDir: string;
  ownershipRecord: string;
  lockFile: string;
}

// Computed from this file rather than the cwd, so npm, Jest and other folders find the same state.
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function stackPaths(stateDir = path.join(REPO_ROOT, '.state')): StackPaths {
  return {
    repoRoot: REPO_ROOT,
    stateDir,
    kafkaConfigDir: path.join(REPO_ROOT, 'tools/stack/kafka'),
    ownershipRecord: path.join(stateDir, 'stack.json'),
    lockFile: path.join(stateDir, 'stack.lock'),
  };
}

export function serviceStateDir(paths: StackPaths, service: string): string {
  return path.join(paths.stateDir, service);
}
