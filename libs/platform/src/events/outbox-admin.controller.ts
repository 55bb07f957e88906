import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  NotFoundException,
  Post,
  Query,
} from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  EVENTS_OPTIONS,
  RejectedOutbox,
  UnknownParkedEventsError,
  type EventsModuleOptions,
} from '@provenant/events';
import { Roles } from '../auth/roles.decorator';
import { PageLimitQuery } from '../http/page-limit.query';

export class RedriveRequest {
  @ApiPropertyOptional({ description: 'The parked events to re-drive (or `all`)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  eventIds?: string[];

  @ApiPropertyOptional({ description: 'Re-drive every parked event' })
  @IsOptional()
  @Equals(true)
  all?: true;
}

/**
 * Operators' view of the events this service's outbox relay parked in `outbox_rejected` (Kafka
 * refused them as too large even alone), and their re-drive once the topic accepts them
 * (docs/events.md#events-kafka-refuses). Admin only: a re-drive publishes events again.
 */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/outbox')
export class OutboxAdminController {
  private readonly parked: RejectedOutbox;

  constructor(dataSource: DataSource, @Inject(EVENTS_OPTIONS) options: EventsModuleOptions) {
    this.parked = new RejectedOutbox(dataSource, options.schema);
  }

  @Get('rejected')
  list(@Query() q: PageLimitQuery) {
    return this.parked.list(q.limit);
  }

  @Post('redrive')
  @HttpCode(200)
  async redrive(@Body() body: RedriveRequest) {
    if ((body.eventIds === undefined) === (body.all === undefined))
      throw new BadRequestException(['give either eventIds or all: true']);
    try {
      return { redriven: await this.parked.redrive(body.all ? 'all' : body.eventIds!) };
    } catch (err) {
      if (err instanceof UnknownParkedEventsError) throw new NotFoundException(err.message);
      throw err;
    }
  }
}

/** The admin endpoints over the service's own outbox; part of every service's foundation. */
@Module({ controllers: [OutboxAdminController] })
export class OutboxAdminModule {}
