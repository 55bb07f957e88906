// Spawned by the env bench: one capture in a fresh process (module loading excluded), as the CLI does it.
import { captureEnvironment } from '@provenant/env-capture';

const start = process.hrtime.bigint();
void captureEnvironment({ root: process.argv[2] }).then(() => {
  process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
});
