import { Module } from '@nestjs/common';
import { AggregateStore, ProjectionConsumers } from '@spbe/platform';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

/**
 * evaluation-scoring: maturity evaluation cycles (stages mandiri → akhir), the Indeks SPBE (59/2020)
 * and Indeks Pemdi (8/2026) computed exactly from the events, what-if and the improvement planner.
 */
@Module({
  controllers: [EvaluationController],
  providers: [AggregateStore, ProjectionConsumers, EvaluationService],
})
export class EvaluationModule {}
