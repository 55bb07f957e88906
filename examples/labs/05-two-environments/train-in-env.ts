// One environment's half of lab 5: rebuild the training set as of a fixed time, train in a
// tracked run, print what env-verifier needs. Run as a separate process per environment.
import { tmpdir } from 'node:os';
import { buildTrainingSet, createPipelineContext, trainTracked } from '@provenant/demo';

async function main(): Promise<void> {
  const ctx = await createPipelineContext({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    outDir: tmpdir(),
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
  });
  try {
    const data = await buildTrainingSet(ctx, { asOf: Number(process.env.AS_OF), name: 'lab5_training' });
    const run = await trainTracked(ctx, data, `lab5-${process.env.PROVENANT_ENV_LABEL}`);
    process.stdout.write(
      `${JSON.stringify({ description: run.description, fingerprint: run.environment.fingerprint, artifact: run.result.artifactDigest })}\n`,
    );
  } finally {
    await ctx.emitter.disconnect();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
