/** How an operator counts what became of a run (RunOutcome), from the delivery's outcome. PURE. */
import type { DeliveryOutcome } from './delivery.ts';
import { ON_TIME_GRACE_MS } from './plan.ts';
import type { RunOutcome } from './types.ts';

/** undefined: nothing to count (the schedule went inactive; another process's lease is running). */
export function runOutcomeOf(result: DeliveryOutcome, run: number, now: number): RunOutcome | undefined {
  switch (result.kind) {
    case 'delivered':
      if (result.outcome === 'skipped') return 'skipped';
      return now - run > ON_TIME_GRACE_MS ? 'caught-up' : 'posted';
    case 'disabled':
      return 'disabled';
    case 'retry-at':
      return result.outcome === 'retry' ? 'retried' : undefined;
    case 'settled':
      if (result.outcome === 'failed') return result.missed ? 'missed' : 'failed';
      if (result.outcome === 'abandoned') return 'abandoned';
      if (result.outcome === 'duplicate') return 'elsewhere';
      return undefined;
  }
}
