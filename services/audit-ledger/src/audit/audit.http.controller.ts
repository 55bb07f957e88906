import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@provenant/platform';
import { AuditTrailQuery } from './audit-trail.dto';
import { AuditTrailUseCase } from './audit-trail.usecase';

@ApiTags('audit')
@Controller('audit')
export class AuditHttpController {
  constructor(private readonly trail: AuditTrailUseCase) {}

  @Roles('auditor')
  @Get('trail')
  @ApiOperation({
    summary: 'Chronological events of one subject with their actors; optionally leaves + proofs',
  })
  get(@Query() q: AuditTrailQuery) {
    return this.trail.execute(q);
  }
}
