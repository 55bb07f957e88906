import type { ComponentData } from '../manifest';
import { exists, readOptional, run, which } from './system';

/** NVIDIA GPUs, driver and CUDA versions, when a driver is installed; null otherwise (no cost). */
export async function gpuComponent(env: NodeJS.ProcessEnv): Promise<ComponentData | null> {
  const smi = await which('nvidia-smi', env);
  if (!smi && !(await exists('/proc/driver/nvidia/version'))) return null;
  const [query, banner, toolkit] = await Promise.all([
    smi ? run(smi, ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']) : null,
    smi ? run(smi, []) : null,
    readOptional('/usr/local/cuda/version.json'),
  ]);
  const devices = query ? parseGpuQuery(query.stdout) : [];
  return {
    devices: devices.map(({ name, memory }) => ({ name, memory })),
    driver: devices[0]?.driver ?? null,
    cuda: banner ? parseCudaVersion(banner.stdout) : null,
    cudaToolkit: toolkit ? parseToolkitVersion(toolkit) : null,
  };
}

/** `nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader` lines. */
export function parseGpuQuery(text: string): { name: string; driver: string; memory: string }[] {
  return text
    .split('\n')
    .map((line) => line.split(',').map((part) => part.trim()))
    .filter((parts) => parts.length >= 3 && parts[0] !== '')
    .map(([name, driver, memory]) => ({ name, driver, memory }));
}

/** The `CUDA Version: 12.2` in nvidia-smi's banner: the highest CUDA the driver supports. */
export function parseCudaVersion(banner: string): string | null {
  return /CUDA Version:\s*([\d.]+)/.exec(banner)?.[1] ?? null;
}

function parseToolkitVersion(json: string): string | null {
  try {
    return (JSON.parse(json) as { cuda?: { version?: string } }).cuda?.version ?? null;
  } catch {
    return null;
  }
}
