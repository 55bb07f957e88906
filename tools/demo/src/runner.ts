import { trace, SpanStatusCode } from '@opentelemetry/api';
import pc from 'picocolors';

const tracer = trace.getTracer('provenant-demo');

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Runs one step of the demo inside its own span (so Zipkin shows the pipeline's structure),
 * prints ✓ with what it did and how long it took, or ✗ with the reason and stops the demo.
 */
export async function step<T>(
  title: string,
  fn: () => Promise<T>,
  describe: (r: T) => string = () => '',
): Promise<T> {
  const t0 = Date.now();
  const tty = process.stdout.isTTY;
  if (tty) process.stdout.write(pc.dim(`  … ${title}`));
  const done = (line: string) => process.stdout.write(`${tty ? '\x1b[2K\r' : ''}${line}\n`);
  return tracer.startActiveSpan(title, async (span) => {
    try {
      const result = await fn();
      const detail = describe(result);
      done(
        `  ${pc.green('✓')} ${pc.bold(title)}${detail ? ` ${pc.dim('—')} ${detail}` : ''} ${pc.dim(`(${seconds(t0)})`)}`,
      );
      return result;
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      done(`  ${pc.red('✗')} ${pc.bold(title)} ${pc.dim(`(${seconds(t0)})`)}`);
      throw new StepFailed(title, err);
    } finally {
      span.end();
    }
  });
}

export const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

export function heading(text: string): void {
  process.stdout.write(`\n${pc.bold(pc.cyan(text))}\n`);
}

export function detail(lines: string[]): void {
  for (const line of lines) process.stdout.write(`      ${line}\n`);
}
