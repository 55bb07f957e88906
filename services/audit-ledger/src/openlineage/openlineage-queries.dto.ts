import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_EXPORT_LEAVES = 1000;

export class OpenLineageEventsQuery {
  @ApiPropertyOptional({ default: -1, description: 'Only leaves after this leaf index (a page’s `next`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  after = -1;

  @ApiPropertyOptional({
    default: 100,
    maximum: MAX_EXPORT_LEAVES,
    description: 'Leaves read (each gives one or two events)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EXPORT_LEAVES)
  limit = 100;
}
