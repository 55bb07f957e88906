import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { ZodBodyPipe } from '../features/zod-body.pipe';
import { DatasetVersionEntity } from './dataset-version.entity';
import { registerDatasetBody, type RegisterDatasetBody } from './register-dataset.dto';
import { RegisterDatasetUseCase } from './register-dataset.usecase';

const summary = (v: DatasetVersionEntity) => ({
  name: v.name,
  version: v.version,
  digest: v.digest,
  dvc_md5: v.dvcMd5,
  origin: v.origin,
  path: v.path,
  training_set_id: v.trainingSetId,
  file_count: v.fileCount,
  total_bytes: v.totalBytes,
  created_by: v.createdBy,
  created_at: v.createdAt.toISOString(),
});

/** Immutable dataset versions: register a manifest, read a version with its manifest. */
@ApiTags('datasets')
@ApiBearerAuth()
@Controller('api/provenant/datasets')
export class DatasetsHttpController {
  constructor(
    private readonly register: RegisterDatasetUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('scientist', 'pipeline')
  @ApiOperation({ summary: 'Register a manifest as a dataset version (no new version when unchanged)' })
  async add(
    @Body(new ZodBodyPipe(registerDatasetBody)) body: RegisterDatasetBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { created, version } = await this.register.execute(body, principal);
    return { created, ...summary(version) };
  }

  @Get(':name/versions')
  async versions(@Param('name') name: string) {
    const rows = await this.dataSource.getRepository(DatasetVersionEntity).find({
      where: { name },
      order: { version: 'ASC' },
      select: [
        'name',
        'version',
        'digest',
        'dvcMd5',
        'origin',
        'path',
        'trainingSetId',
        'fileCount',
        'totalBytes',
        'createdBy',
        'createdAt',
      ],
    });
    if (rows.length === 0) throw new NotFoundException(`no dataset named ${name}`);
    return { name, versions: rows.map(summary) };
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One version with its manifest; `latest` names the newest' })
  async version(@Param('name') name: string, @Param('version') version: string) {
    if (version !== 'latest' && !/^[1-9]\d{0,8}$/.test(version))
      throw new BadRequestException(
        `version: must be a positive integer or latest, got ${JSON.stringify(version)}`,
      );
    const found = await this.dataSource.getRepository(DatasetVersionEntity).findOne({
      where: { name, ...(version === 'latest' ? {} : { version: Number(version) }) },
      order: { version: 'DESC' },
    });
    if (!found) throw new NotFoundException(`no version ${version} of dataset ${name}`);
    return { ...summary(found), manifest: found.manifest };
  }
}
