/**
 * Kernel-model producer throughput.
 *
 * ============================== LEAD: TO COMPLETE ==============================
 * src/model is being written. This section runs only when src/model/index.ts exists and prints
 * "model: not available yet" otherwise. Once the model's API is settled, replace the body of
 * `measureModel` below: build a large scenario, time how long the model takes to produce its
 * events (warm-up, `reps` timed runs, median), and return events/s. Keep the scenario size in
 * `ModelConfig` so --quick stays under a minute.
 * ===============================================================================
 */
import { buildSourceModule, importBuilt } from './dynamic-import.js';

export interface ModelConfig {
  /** Events the large scenario should produce. */
  readonly events: number;
  readonly warmup: number;
  readonly reps: number;
}

export interface ModelResult {
  readonly status: 'ok' | 'unavailable' | 'not-wired' | 'failed';
  readonly eventsPerSec?: number;
  readonly detail: string;
}

// LEAD: replace with the real measurement; `model` is the built src/model/index.ts.
function measureModel(model: Record<string, unknown>, cfg: ModelConfig): ModelResult {
  void cfg;
  return {
    status: 'not-wired',
    detail: `model: src/model/index.ts exists (exports: ${Object.keys(model).join(', ') || 'none'}), but bench/model.ts does not drive it yet`,
  };
}

export async function benchModel(cfg: ModelConfig): Promise<ModelResult> {
  let built: string | undefined;
  try {
    built = buildSourceModule('src/model/index.ts', 'model');
  } catch (error) {
    return { status: 'failed', detail: `model: ${(error as Error).message}` };
  }
  if (!built) return { status: 'unavailable', detail: 'model: not available yet' };
  return measureModel(await importBuilt(built), cfg);
}
