import { runService } from '@spbe/platform';
import { EvaluationModule } from '@spbe/evaluation-feature';

/** evaluation-scoring as its own process (distributed mode). */
runService({ name: 'evaluation-scoring', port: 3003, forwards: ['evaluation'], feature: EvaluationModule, description: 'Maturity evaluation cycles, Indeks SPBE / Indeks Pemdi, predikat.' });
