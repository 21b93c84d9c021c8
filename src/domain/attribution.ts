import type { Dataset } from './model.ts';

/**
 * A claim the source reports as someone's account, shown as theirs: "According to Emmanuel
 * Macron: the summit focused on…". Text without an attribution is returned as it is.
 */
export function withAttribution(
  dataset: Pick<Dataset, 'actorById'>,
  text: string,
  attributedTo: string | undefined,
): string {
  if (!attributedTo) return text;
  const name = dataset.actorById.get(attributedTo)?.name ?? attributedTo;
  return `According to ${name}: ${text}`;
}
