import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EnvVerificationEntity } from './lineage.entities';

/**
 * The env-verifier verdicts the registry holds for one environment, per target: the evidence its
 * ENVIRONMENT_VERDICT gate reads. Verdicts arrive as events, so a pipeline that has just asked
 * env-verifier reads this until its verification shows up before it requests a promotion.
 */
@ApiTags('promotion')
@ApiBearerAuth()
@Controller('api/provenant/environments')
export class EnvVerificationHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':fingerprint/verdicts')
  @ApiOperation({ summary: "The latest env-verifier verdict per target for an environment, as the registry's gates see it" })
  async verdicts(@Param('fingerprint') fingerprint: string) {
    const rows = await this.dataSource
      .getRepository(EnvVerificationEntity)
      .find({ where: { fingerprint }, order: { target: 'ASC' } });
    return {
      fingerprint,
      verdicts: rows.map((r) => ({
        target: r.target,
        verdict: r.verdict,
        verificationId: r.verificationId,
        verifiedAt: r.verifiedAt.toISOString(),
      })),
    };
  }
}
