import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { installFastRoutes, TokenStore } from '@provenant/platform';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from './ledger.tokens';
import { readInclusionQuery } from './inclusion-query';
import { LedgerProofsUseCase } from './ledger-proofs.usecase';

/**
 * `GET /ledger/proofs/inclusion` answered ahead of Express and Nest's pipeline (`installFastRoutes`)
 * with `LEDGER_FAST_PATH=on`, the default: that pipeline cost more than the proof's own two
 * queries. Same role, same use case, the query read as the Nest route reads it
 * (`LedgerHttpController.inclusion`, which answers with `LEDGER_FAST_PATH=off`), so a client
 * cannot tell the two apart, error bodies included.
 */
@Injectable()
export class LedgerFastRoutes implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenStore,
    private readonly proofs: LedgerProofsUseCase,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.LEDGER_FAST_PATH === 'off') return;
    installFastRoutes(
      this.adapterHost.httpAdapter.getHttpServer(),
      [
        {
          method: 'GET',
          path: '/ledger/proofs/inclusion',
          roles: ['auditor'],
          handle: async ({ query }) => this.proofs.inclusion(await readInclusionQuery(query)),
        },
      ],
      { tokens: this.tokens },
    );
  }
}
