import { withAttribution } from '../domain/attribution.ts';
import type { Dataset } from '../domain/model.ts';

/** An attributed claim as shown everywhere: "According to X: …" (never as plain fact). */
export function attributed(dataset: Dataset, text: string, actor: string | undefined): string {
  return withAttribution(dataset, text, actor);
}
