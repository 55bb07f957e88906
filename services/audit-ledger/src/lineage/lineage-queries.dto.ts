import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Marquez's default lineage depth; also the most a query may ask for. */
export const DEFAULT_DEPTH = 20;
export const MAX_DEPTH = 100;

export class LineageWalkQuery {
  @ApiPropertyOptional({ default: DEFAULT_DEPTH, maximum: MAX_DEPTH, description: 'Hops to follow' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEPTH)
  depth: number = DEFAULT_DEPTH;

  @ApiPropertyOptional({
    description:
      'As of this tree size: only edges asserted by leaves below it (default: everything recorded)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  treeSize?: number;
}

export class MarquezLineageQuery {
  @ApiPropertyOptional({
    description: '`dataset:provenant:<kind>:<id>`, `job:provenant:<kind>:<id>` or `<kind>:<id>`',
  })
  @IsString()
  nodeId: string;

  @ApiPropertyOptional({ default: DEFAULT_DEPTH, maximum: MAX_DEPTH })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEPTH)
  depth: number = DEFAULT_DEPTH;
}
