import { Gauge, Histogram, register, type Metric } from 'prom-client';

function once<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Newest event_ts (µs) made visible online per view, in this process. */
export const newestOnline = new Map<string, number>();

/** Online-store freshness, per view (Feast exposes only the first of these). */
export const onlineMetrics = {
  newestAge: () =>
    once(
      'provenant_online_feature_age_seconds',
      () =>
        new Gauge({
          name: 'provenant_online_feature_age_seconds',
          help: 'Age (now - event_ts) of the newest value materialized online, per feature view.',
          labelNames: ['feature_view'],
          collect() {
            const now = Date.now() * 1000;
            for (const [view, ts] of newestOnline) this.set({ feature_view: view }, (now - ts) / 1e6);
          },
        }),
    ),
  ingestToOnline: () =>
    once(
      'provenant_online_ingest_lag_seconds',
      () =>
        new Histogram({
          name: 'provenant_online_ingest_lag_seconds',
          help: 'From the offline-store commit (created_ts) of a batch to its rows being online.',
          labelNames: ['feature_view'],
          buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        }),
    ),
  serveLatency: () =>
    once(
      'provenant_online_serve_seconds',
      () =>
        new Histogram({
          name: 'provenant_online_serve_seconds',
          help: 'get-online-features handling time, Redis round trip included.',
          buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        }),
    ),
};
