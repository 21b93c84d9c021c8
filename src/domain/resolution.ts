/**
 * What a typed name (an actor, a topic, an event) resolved to: the one it means, several it could
 * mean (ranked), or none, with the closest ones to offer instead. PURE.
 */
export type Resolution<T> =
  | { status: 'found'; value: T }
  | { status: 'ambiguous'; candidates: T[] }
  | {
      status: 'not-found';
      suggestions: T[];
      /** What the text was read as when it names something outside the dataset ("United Kingdom"). */
      understood?: string;
    };

export type Unresolved<T> = Exclude<Resolution<T>, { status: 'found' }>;
