import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsOptional, IsString } from 'class-validator';

export class MaterializeDto {
  @ApiPropertyOptional({ example: ['driver_stats'], description: 'default: every current view' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  views?: string[];

  @ApiPropertyOptional({
    description: 'inclusive event_ts lower bound: RFC 3339 or µs; with end, a BATCH run',
  })
  @IsOptional()
  start?: string | number;

  @ApiPropertyOptional({ description: 'inclusive event_ts upper bound: RFC 3339 or µs' })
  @IsOptional()
  end?: string | number;
}
