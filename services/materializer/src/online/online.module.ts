import { Module } from '@nestjs/common';
import { ServingLog } from '../serving-log/serving-log';
import { TrainingSetsModule } from '../training-sets/training-sets.module';
import { GetOnlineFeaturesUseCase } from './get-online-features.usecase';
import { OnlineHttpController } from './online.http.controller';
import { OnlineServing } from './online-serving';
import { OnlineStoreReader } from './online-store.reader';
import { OnlineStoreWriter } from './online-store.writer';

/** The online store (Redis): the writer materialization uses, and online serving. */
@Module({
  imports: [TrainingSetsModule],
  controllers: [OnlineHttpController],
  providers: [OnlineStoreReader, OnlineStoreWriter, GetOnlineFeaturesUseCase, ServingLog, OnlineServing],
  exports: [OnlineStoreWriter],
})
export class OnlineModule {}
