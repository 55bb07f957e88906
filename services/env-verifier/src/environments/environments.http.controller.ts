import {
  BadRequestException,
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Put,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { describeComponents } from '@provenant/env-capture';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import {
  exactlyOne,
  RecordEnvironmentDto,
  SetTargetDto,
  TARGET_NAME,
  VerifyEnvironmentDto,
} from './environment.dto';
import { EnvironmentStore } from './environment.store';
import { ParityMatrixUseCase } from './parity-matrix.usecase';
import { RecordEnvironmentUseCase } from './record-environment.usecase';
import { SetTargetUseCase } from './set-target.usecase';
import { VerifyEnvironmentUseCase } from './verify-environment.usecase';

@ApiTags('environments')
@ApiBearerAuth()
@Controller('environments')
export class EnvironmentsHttpController {
  constructor(
    private readonly recordEnvironment: RecordEnvironmentUseCase,
    private readonly verifyEnvironment: VerifyEnvironmentUseCase,
    private readonly setTarget: SetTargetUseCase,
    private readonly parity: ParityMatrixUseCase,
    private readonly store: EnvironmentStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Roles('pipeline', 'scientist')
  @ApiOperation({ summary: 'Record a captured environment manifest (publishes EnvironmentCaptured)' })
  async record(@Body() body: RecordEnvironmentDto, @CurrentPrincipal() principal: Principal) {
    const recorded = await this.recordEnvironment.execute({ ...body, actor: actorOf(principal) });
    return {
      captureId: recorded.captureId,
      fingerprint: recorded.fingerprint,
      components: describeComponents(recorded.manifest),
    };
  }

  @Post('verifications')
  @Roles('pipeline', 'scientist', 'approver')
  @ApiOperation({
    summary:
      'Verify an environment against a target, a run or another environment (publishes EnvironmentVerified)',
  })
  verify(@Body() body: VerifyEnvironmentDto, @CurrentPrincipal() principal: Principal) {
    exactlyOne(body, ['fingerprint', 'manifest']);
    exactlyOne(body.reference, ['target', 'fingerprint', 'runId'], 'reference.');
    return this.verifyEnvironment.execute({ ...body, actor: actorOf(principal) });
  }

  @Get('verifications/:id')
  @ApiOperation({ summary: 'A verification with every difference' })
  async verification(@Param('id') id: string) {
    const found = /^[0-9a-f-]{36}$/.test(id)
      ? await this.store.verification(this.dataSource.manager, id)
      : null;
    if (!found) throw new NotFoundException(`unknown verification ${id}`);
    return found;
  }

  @Get('parity')
  @ApiOperation({
    summary: 'Parity matrix: each target judged against every other under that target’s policy',
  })
  parityMatrix(@Query('targets') targets = 'dev,staging,production') {
    const names = targets
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const bad = names.find((n) => !TARGET_NAME.test(n));
    if (bad !== undefined || names.length < 2)
      throw new BadRequestException({
        message: `targets: expected two or more target names, got "${targets}"`,
        field: 'targets',
      });
    return this.parity.execute(names);
  }

  @Put('targets/:name')
  @Roles('approver')
  @ApiOperation({ summary: 'Pin a target’s reference environment and set its policy' })
  target(@Param('name') name: string, @Body() body: SetTargetDto) {
    if (!TARGET_NAME.test(name))
      throw new BadRequestException({ message: `name: not a target name: ${name}`, field: 'name' });
    return this.setTarget.execute({ name, ...body });
  }

  @Get(':fingerprint')
  @ApiOperation({ summary: 'The latest manifest recorded with this fingerprint' })
  async manifest(@Param('fingerprint') fingerprint: string) {
    const capture = await this.store.latestCapture(this.dataSource.manager, 'fingerprint', fingerprint);
    if (!capture) throw new NotFoundException(`unknown environment ${fingerprint}`);
    return capture.manifest;
  }
}
