import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { actorOf } from '@provenant/events';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { CheckReproducibilityUseCase } from './check-reproducibility.usecase';
import { provenanceStatement } from './provenance-statement';
import { ReproducibilityStore } from './reproducibility.store';
import { checkRequestSchema, parseBody, runDescriptionSchema } from './run-description';

@ApiTags('reproducibility')
@ApiBearerAuth()
@Controller()
export class ReproducibilityHttpController {
  constructor(
    private readonly checkReproducibility: CheckReproducibilityUseCase,
    private readonly store: ReproducibilityStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post('reproducibility/checks')
  @Roles('pipeline', 'scientist')
  @ApiOperation({ summary: 'Compare two runs’ inputs and outputs (publishes ReproducibilityChecked)' })
  @ApiBody({
    description:
      '{baseline: Run, candidate: Run, tolerance?: {absolute?, relative?, metrics?}, provenance?: boolean}',
  })
  check(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.checkReproducibility.execute(parseBody(checkRequestSchema, body), actorOf(principal));
  }

  @Get('reproducibility/checks/:id')
  @ApiOperation({ summary: 'A recorded reproducibility check' })
  async find(@Param('id') id: string) {
    const found = /^[0-9a-f-]{36}$/.test(id) ? await this.store.find(this.dataSource.manager, id) : null;
    if (!found) throw new NotFoundException(`unknown check ${id}`);
    return found;
  }

  @Post('provenance/statements')
  @HttpCode(200)
  @Roles('pipeline', 'scientist')
  @ApiOperation({
    summary: 'in-toto Statement v1 with a SLSA Provenance v1 predicate for a run’s outputs (records nothing)',
  })
  statement(@Body() body: unknown) {
    const { run } = parseBody(z.object({ run: runDescriptionSchema }).strict(), body);
    if (run.outputs.length === 0)
      throw new UnprocessableEntityException({
        message: 'run.outputs: a statement needs at least one subject',
        field: 'run.outputs',
      });
    return provenanceStatement(run);
  }
}
