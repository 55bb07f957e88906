import { ServiceName } from './endpoints';
import { kafkaLauncher } from './kafka-launcher';
import { NativeLauncher } from './native-launcher';
import { postgresLauncher } from './postgres-launcher';
import { redisLauncher } from './redis-launcher';

export const LAUNCHERS: Record<ServiceName, NativeLauncher> = {
  kafka: kafkaLauncher,
  postgres: postgresLauncher,
  redis: redisLauncher,
};
