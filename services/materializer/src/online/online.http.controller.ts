import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@provenant/events';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { ServingLog } from '../serving-log/serving-log';
import { GetOnlineFeaturesDto } from './get-online-features.dto';
import { GetOnlineFeaturesUseCase } from './get-online-features.usecase';

@ApiTags('online')
@ApiBearerAuth()
@Controller()
export class OnlineHttpController {
  constructor(
    private readonly getOnline: GetOnlineFeaturesUseCase,
    private readonly servingLog: ServingLog,
  ) {}

  /** A read, but a POST (Feast's contract): serving systems hold a `pipeline` token. */
  @Post('get-online-features')
  @Roles('pipeline', 'scientist')
  @HttpCode(200)
  @ApiOperation({ summary: "Online feature values in Feast's request and response shape" })
  async get(@Body() body: GetOnlineFeaturesDto, @CurrentPrincipal() principal: Principal) {
    const { response, vector } = await this.getOnline.execute(body);
    this.servingLog.record(vector, actorOf(principal));
    return response;
  }
}
