import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import { PROV_KINDS } from '@provenant/contracts';
import { PageLimitQuery } from '@provenant/platform';

export class AuditTrailQuery extends PageLimitQuery {
  @ApiProperty({ enum: PROV_KINDS, description: 'Subject kind: model, dataset, run, feature_view, …' })
  @IsIn(PROV_KINDS)
  kind: string;

  @ApiProperty({ description: 'Subject id: the model or dataset name, the run id, the feature view name' })
  @IsString()
  @MinLength(1)
  id: string;

  @ApiPropertyOptional({ description: 'Only leaves after this index (pagination)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  after = -1;

  @ApiPropertyOptional({ description: 'Add each leaf and its inclusion proof against the latest checkpoint' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  proofs = false;
}
