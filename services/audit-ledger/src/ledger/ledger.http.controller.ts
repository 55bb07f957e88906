import { Controller, Get, Header, HttpCode, Inject, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NoteSigner } from '@provenant/merkle';
import { Public, Roles } from '@provenant/platform';
import { CheckpointRepository } from './checkpoint.repository';
import { LEDGER_SIGNER } from './ledger-signer';
import { ConsistencyQuery, EntriesQuery, InclusionQuery } from './ledger-queries.dto';
import { LedgerProofsUseCase } from './ledger-proofs.usecase';
import { ListEntriesUseCase } from './list-entries.usecase';
import { VerifyLedgerUseCase } from './verify-ledger.usecase';

@ApiTags('ledger')
@Controller('ledger')
export class LedgerHttpController {
  constructor(
    @Inject(LEDGER_SIGNER) private readonly signer: NoteSigner,
    private readonly checkpoints: CheckpointRepository,
    private readonly entries: ListEntriesUseCase,
    private readonly proofs: LedgerProofsUseCase,
    private readonly verifyLedger: VerifyLedgerUseCase,
  ) {}

  @Public()
  @Get('public-key')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'The checkpoint verifier key, Go signed-note format `name+hexkeyid+base64`' })
  publicKey(): string {
    return `${this.signer.verifierKey}\n`;
  }

  @Public()
  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)' })
  async checkpoint(): Promise<string> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw new NotFoundException('no checkpoint signed yet');
    return latest.note;
  }

  @Roles('auditor')
  @Get('entries')
  @ApiOperation({ summary: 'Leaves in index order: exact bytes (base64) and RFC 9162 leaf hash' })
  list(@Query() q: EntriesQuery) {
    return this.entries.execute(q.start, q.limit);
  }

  /** Answered here only with `LEDGER_FAST_PATH=off`; otherwise by `LedgerFastRoutes`, ahead of Nest. */
  @Roles('auditor')
  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof by leafIndex or eventId' })
  inclusion(@Query() q: InclusionQuery) {
    return this.proofs.inclusion(q);
  }

  @Roles('auditor')
  @Get('proofs/consistency')
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes' })
  consistency(@Query() q: ConsistencyQuery) {
    return this.proofs.consistency(q);
  }

  @Roles('auditor')
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute the whole tree; names the first bad index' })
  verify() {
    return this.verifyLedger.execute();
  }
}
