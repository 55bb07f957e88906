// Imported first by main.ts: instrumentation must patch http, express, pg and ioredis before they load.
import { startTelemetry } from '@provenant/platform';

startTelemetry({ serviceName: 'tracker' });
