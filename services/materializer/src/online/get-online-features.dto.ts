import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OnlineFeaturesRequest } from './online-request';

/**
 * The OpenAPI description of `POST /get-online-features`. Only the docs use it: the body is
 * checked by `parseOnlineRequest`, which the fast route and the Nest route share.
 */
export class GetOnlineFeaturesDto implements OnlineFeaturesRequest {
  @ApiPropertyOptional({
    example: ['driver_stats:conv_rate'],
    description: '`view:feature` or `view@v2:feature`',
  })
  features?: string[];

  @ApiPropertyOptional({ example: 'driver_ranking' })
  feature_service?: string;

  @ApiProperty({ example: { driver_id: [1001, 1002] }, description: 'join key → one value per entity row' })
  entities!: Record<string, unknown[]>;

  @ApiPropertyOptional({ description: 'name result columns `view__feature` (Feast)' })
  full_feature_names?: boolean;
}
