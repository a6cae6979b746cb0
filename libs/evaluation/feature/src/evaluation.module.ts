import { Module } from '@nestjs/common';

/**
 * evaluation-scoring's feature module. Evaluation cycles and the Indeks SPBE / Indeks Pemdi
 * computation are built on this foundation by the evaluation-scoring work; until then the service
 * boots with health, metrics and OpenAPI only.
 */
@Module({})
export class EvaluationModule {}
