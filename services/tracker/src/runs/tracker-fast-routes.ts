import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  APP_CONFIG,
  installFastRoutes,
  mlflowErrorAnswer,
  TokenStore,
  type FastRoute,
} from '@provenant/platform';
import type { TrackerConfig } from '../config';
import { WRITER_ROLES } from '../mlflow/mlflow-roles';
import { RunRequests } from './run-requests';

const RUNS = '/api/2.0/mlflow/runs';

/**
 * runs/create and the logging calls, which a training loop sends by the thousand, answered ahead of
 * Express and Nest's pipeline with `TRACKER_FAST_PATH=on` (the default). Same roles, same
 * handlers (`RunRequests`), MLflow's error bodies, the same 8 MB body limit as the JSON parser
 * (`configureTrackerHttp`); the Nest controllers answer them with `TRACKER_FAST_PATH=off`.
 */
@Injectable()
export class TrackerFastRoutes implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenStore,
    private readonly requests: RunRequests,
    @Inject(APP_CONFIG) private readonly config: TrackerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.TRACKER_FAST_PATH === 'off') return;
    const post = (path: string, handle: FastRoute['handle']): FastRoute => ({
      method: 'POST',
      path: `${RUNS}/${path}`,
      roles: WRITER_ROLES,
      handle,
    });
    installFastRoutes(
      this.adapterHost.httpAdapter.getHttpServer(),
      [
        post('create', ({ body }, who) => this.requests.create(body, who)),
        post('log-batch', ({ body, bytes }, who) => this.requests.batch(body, bytes, who)),
        post('log-metric', ({ body }, who) => this.requests.metric(body, who)),
        post('log-parameter', ({ body }, who) => this.requests.param(body, who)),
        post('set-tag', ({ body }, who) => this.requests.setTag(body, who)),
      ],
      { tokens: this.tokens, maxBodyBytes: 8 * 1024 * 1024, answerError: mlflowErrorAnswer },
    );
  }
}
