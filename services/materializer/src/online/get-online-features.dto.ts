import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';

/** Feast's `POST /get-online-features` body (feast:sdk/python/feast/feature_server.py). */
export class GetOnlineFeaturesDto {
  @ApiPropertyOptional({
    example: ['driver_stats:conv_rate'],
    description: '`view:feature` or `view@v2:feature`',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  features?: string[];

  @ApiPropertyOptional({ example: 'driver_ranking' })
  @IsOptional()
  @IsString()
  feature_service?: string;

  @ApiProperty({ example: { driver_id: [1001, 1002] }, description: 'join key → one value per entity row' })
  @IsObject()
  entities!: Record<string, unknown[]>;

  @ApiPropertyOptional({ description: 'name result columns `view__feature` (Feast)' })
  @IsOptional()
  @IsBoolean()
  full_feature_names?: boolean;
}
