import { availableParallelism, release } from 'node:os';
import type { ComponentData } from '../manifest';
import { parseKeyValues, readOptional, run } from './system';

/** Operating system, kernel and C library. */
export async function osComponent(): Promise<ComponentData> {
  const [osRelease, libc] = await Promise.all([
    readOptional('/etc/os-release'),
    // getconf answers in ~2 ms; process.report would say the same but costs ~50 ms.
    process.platform === 'linux' ? run('getconf', ['GNU_LIBC_VERSION']) : Promise.resolve(null),
  ]);
  const fields = osRelease ? parseKeyValues(osRelease) : {};
  return {
    platform: process.platform,
    arch: process.arch,
    kernel: release(),
    name: fields.ID ?? process.platform,
    version: fields.VERSION_ID ?? null,
    pretty: fields.PRETTY_NAME ?? `${process.platform} ${release()}`,
    libc: libc ? libc.stdout.trim() : null,
  };
}

/** CPU model and feature flags: flags decide which SIMD paths numeric libraries take. */
export async function cpuComponent(): Promise<ComponentData> {
  const cpuinfo = await readOptional('/proc/cpuinfo');
  const parsed = cpuinfo ? parseCpuinfo(cpuinfo) : { model: null, flags: [] };
  return { model: parsed.model, flags: parsed.flags, logicalCpus: availableParallelism() };
}

/** The first processor block of /proc/cpuinfo (x86 `model name`/`flags`, ARM `CPU part`/`Features`). */
export function parseCpuinfo(text: string): { model: string | null; flags: string[] } {
  const first = text.split(/\n\s*\n/)[0];
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(first)?.[1]?.trim() ?? null;
  const flags = field('flags') ?? field('Features') ?? '';
  return {
    model: field('model name') ?? field('Hardware') ?? field('CPU part'),
    flags: [...new Set(flags.split(/\s+/).filter(Boolean))].sort(),
  };
}
