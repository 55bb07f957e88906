import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsNull, DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { ZodBodyPipe } from '../features/zod-body.pipe';
import { LedgerViolationEntity } from '../models/lineage/lineage.entities';

const resolveBody = z.object({ resolution: z.string().min(1, 'say how it was resolved').max(5000) }).strict();

/** Ledger integrity violations as the promotion gate sees them; an auditor closes one after investigation. */
@ApiTags('promotion')
@ApiBearerAuth()
@Controller('api/provenant/ledger-violations')
export class LedgerViolationsHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async open() {
    const rows = await this.dataSource
      .getRepository(LedgerViolationEntity)
      .find({ where: { resolvedAt: IsNull() }, order: { detectedAt: 'ASC' } });
    return { open: rows };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({ summary: 'Close a ledger integrity violation (it stops blocking promotions)' })
  async resolve(
    @Param('id') id: string,
    @Body(new ZodBodyPipe(resolveBody)) body: { resolution: string },
    @CurrentPrincipal() principal: Principal,
  ) {
    const repo = this.dataSource.getRepository(LedgerViolationEntity);
    const found = await repo.findOneBy({ violationId: id, resolvedAt: IsNull() });
    if (!found) throw new NotFoundException(`no open ledger violation ${id}`);
    await repo.update(
      { violationId: id },
      { resolvedAt: new Date(), resolvedBy: principal.id, resolution: body.resolution },
    );
    return repo.findOneByOrFail({ violationId: id });
  }
}
