import { ServiceName } from './endpoints';
import { LAUNCHERS } from './launchers';
import { OwnedProcess, readOwnershipRecord, updateOwnershipRecord, withoutProcess } from './ownership-record';
import { terminate } from './process-control';
import { isRecordedProcess } from './process-identity';
import { StackContext } from './stack-context';

/** Stops the service only if the stack started it and the pid is still that very process. */
export async function stopOwnedService(
  name: ServiceName,
  context: StackContext,
): Promise<'stopped' | 'not-owned'> {
  const entry = readOwnershipRecord(context.paths.ownershipRecord).services[name];
  if (!entry) return 'not-owned';
  if (isRecordedProcess(entry)) {
    const { stopSignal, stopGraceMs } = LAUNCHERS[name];
    const outcome = await terminate(entry.pid, stopSignal, stopGraceMs);
    context.log(
      `${name}: stopped (pid ${entry.pid}${outcome === 'killed' ? `, killed after ${stopGraceMs / 1000} s` : ''})`,
    );
  } else {
    context.log(`${name}: pid ${entry.pid} is no longer the process the stack started; forgetting it`);
  }
  updateOwnershipRecord(context.paths.ownershipRecord, (record) => withoutProcess(record, name));
  return 'stopped';
}

/** The recorded process, if it still runs; a stale entry (crash, reboot) is dropped. */
export function verifiedOwnedProcess(name: ServiceName, context: StackContext): OwnedProcess | undefined {
  const entry = readOwnershipRecord(context.paths.ownershipRecord).services[name];
  if (!entry || isRecordedProcess(entry)) return entry;
  updateOwnershipRecord(context.paths.ownershipRecord, (record) => withoutProcess(record, name));
  return undefined;
}
