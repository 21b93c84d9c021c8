/** A value made by `make` on the first call, the same one on every call after it (`make` returns a value, never undefined). */
export function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
