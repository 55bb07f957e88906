// `npm run lab -- <1-6>`: runs one lab against the services started by `npm start` / `npm run demo`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPipelineContext, runPipeline } from '@provenant/demo';
import { ensureStack, stackPaths } from '@provenant/stack';
import { runLab1 } from './01-feature-store/lab';
import { runLab2 } from './02-reproduce-experiment/lab';
import { runLab3 } from './03-track-and-compare/lab';
import { runLab4 } from './04-promotion-ci/lab';
import { runLab5 } from './05-two-environments/lab';
import { runLab6 } from './06-compliance-report/lab';

async function main(which: string): Promise<void> {
  const { kafkaBrokers: brokers } = await ensureStack({ log: () => undefined });
  const outDir = path.join(stackPaths().stateDir, 'labs');
  mkdirSync(outDir, { recursive: true });
  const ctx = await createPipelineContext({ brokers, outDir });
  try {
    const labs: Record<string, () => Promise<unknown>> = {
      '1': () => runLab1(ctx),
      '2': () => runLab2(ctx),
      '3': () => runLab3(ctx),
      '4': () => runLab4(ctx),
      '5': () => runLab5(ctx, { brokers }),
      '6': async () => {
        // The report needs a promoted model: the demo pipeline makes one.
        const outcome = await runPipeline({ brokers, outDir });
        return runLab6(ctx, outcome.model, outcome.version);
      },
    };
    const lab = labs[which];
    if (!lab) throw new Error(`usage: npm run lab -- <1-6> (got ${which ?? 'nothing'})`);
    process.stdout.write(`${JSON.stringify(await lab(), null, 2)}\n`);
  } finally {
    await ctx.emitter.disconnect();
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`lab failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
