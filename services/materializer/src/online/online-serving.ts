import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { actorOf } from '@provenant/events';
import { APP_CONFIG, installFastRoutes, TokenStore, type Principal, type Role } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { ServingLog } from '../serving-log/serving-log';
import { GetOnlineFeaturesUseCase, type OnlineFeaturesResponse } from './get-online-features.usecase';
import { parseOnlineRequest } from './online-request';

/** Serving systems hold a `pipeline` token; scientists may look too. */
export const ONLINE_ROLES: Role[] = ['pipeline', 'scientist'];

/**
 * `POST /get-online-features`: check the body, read, log the served vector. With
 * `ONLINE_FAST_PATH=on` (the default) the route is answered ahead of Express and Nest's pipeline
 * (`installFastRoutes`), which cost several times the read itself; the Nest controller answers
 * it otherwise, through this same method.
 */
@Injectable()
export class OnlineServing implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenStore,
    private readonly getOnline: GetOnlineFeaturesUseCase,
    private readonly servingLog: ServingLog,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
  ) {}

  async serve(body: unknown, principal: Principal): Promise<OnlineFeaturesResponse> {
    const { response, vector } = await this.getOnline.execute(parseOnlineRequest(body));
    this.servingLog.record(vector, actorOf(principal));
    return response;
  }

  onApplicationBootstrap(): void {
    if (this.config.ONLINE_FAST_PATH === 'off') return;
    installFastRoutes(
      this.adapterHost.httpAdapter.getHttpServer(),
      [
        {
          method: 'POST',
          path: '/get-online-features',
          roles: ONLINE_ROLES,
          handle: ({ body }, principal) => this.serve(body, principal),
        },
      ],
      { tokens: this.tokens },
    );
  }
}
