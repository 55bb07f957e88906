import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { GetOnlineFeaturesDto } from './get-online-features.dto';
import { ONLINE_ROLES, OnlineServing } from './online-serving';

@ApiTags('online')
@ApiBearerAuth()
@Controller()
export class OnlineHttpController {
  constructor(private readonly serving: OnlineServing) {}

  /**
   * A read, but a POST (Feast's contract). Answered here only with `ONLINE_FAST_PATH=off`;
   * otherwise the fast route answers first, through the same `OnlineServing.serve`.
   */
  @Post('get-online-features')
  @Roles(...ONLINE_ROLES)
  @HttpCode(200)
  @ApiBody({ type: GetOnlineFeaturesDto })
  @ApiOperation({ summary: "Online feature values in Feast's request and response shape" })
  get(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.serving.serve(body, principal);
  }
}
