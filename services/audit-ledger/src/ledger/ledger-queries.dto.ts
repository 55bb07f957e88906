import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PageLimitQuery } from '@provenant/platform';

export class EntriesQuery extends PageLimitQuery {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  start = 0;
}

export class InclusionQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  leafIndex?: number;

  @ApiPropertyOptional({ description: 'Alternative to leafIndex' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ description: 'Defaults to the latest signed checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize?: number;
}

export class ConsistencyQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  first: number;

  @ApiPropertyOptional({ description: 'Defaults to the latest signed checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  second?: number;
}
