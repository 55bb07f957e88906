import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ReadinessCheck } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { OnlineFreshness } from './online-freshness';

/**
 * Feature freshness in `/health/ready`: a view whose newest online value is older than its
 * `freshnessThreshold` (or that has nothing online yet) makes this check `state: degraded` and
 * is listed. It never fails readiness: stale features are still served (with their timestamps
 * and OUTSIDE_MAX_AGE past the ttl), and taking the instance out of rotation would not make
 * them fresher. The platform's health has no degraded level, so it is reported in the details.
 */
@Injectable()
export class FreshnessReadiness implements ReadinessCheck {
  readonly name = 'freshness';
  private readonly freshness: OnlineFreshness;

  // Readiness checks are built by PlatformModule, which sees only global providers: hence `new`.
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: MaterializerConfig,
  ) {
    this.freshness = new OnlineFreshness(config);
  }

  async check() {
    const now = Date.now() * 1000;
    const views: Record<string, { ageSeconds: number | null; thresholdSeconds: number; fresh: boolean }> = {};
    const degraded: string[] = [];
    for (const v of await this.freshness.thresholds(this.dataSource.manager)) {
      const age = v.newestEventTs === null ? null : now - v.newestEventTs;
      const fresh = age !== null && age <= v.thresholdMicros;
      if (!fresh) degraded.push(v.featureView);
      views[v.featureView] = {
        ageSeconds: age === null ? null : Math.round(age / 1e3) / 1e3,
        thresholdSeconds: v.thresholdMicros / 1e6,
        fresh,
      };
    }
    return { state: degraded.length ? 'degraded' : 'ok', degraded, views };
  }
}
