import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

/** A batch of flat rows: join-key columns, the view's timestamp column and feature columns. */
export class PushRowsDto {
  @ApiProperty({ example: 'driver_stats' })
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/)
  featureView: string;

  @ApiPropertyOptional({ description: 'Validate against this version instead of the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  featureViewVersion?: number;

  @ApiPropertyOptional({ description: 'Client-chosen id: resending the same id writes nothing twice' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,200}$/)
  batchId?: string;

  @ApiPropertyOptional({
    enum: ['ACCEPT_VALID', 'REJECT_ALL'],
    description: 'Defaults to INGEST_BATCH_POLICY',
  })
  @IsOptional()
  @IsIn(['ACCEPT_VALID', 'REJECT_ALL'])
  policy?: 'ACCEPT_VALID' | 'REJECT_ALL';

  @ApiPropertyOptional({ enum: ['PUSH', 'BULK'], description: 'BULK for file backfills (the CLI sets it)' })
  @IsOptional()
  @IsIn(['PUSH', 'BULK'])
  source?: 'PUSH' | 'BULK';

  @ApiPropertyOptional({ description: 'The backfilled file, recorded as the lineage source' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  sourceUri?: string;

  @ApiPropertyOptional({ description: 'Values are text, as in CSV: parse them by the feature type' })
  @IsOptional()
  @IsBoolean()
  valuesAsText?: boolean;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [{ driver_id: 1001, event_ts: '2026-01-01T10:00:00.000001Z', conv_rate: 0.5 }],
  })
  @IsArray()
  @ArrayMaxSize(1_000_000)
  @IsObject({ each: true })
  rows: Record<string, unknown>[];
}
