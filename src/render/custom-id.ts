/**
 * Typed custom_ids for buttons, select menus and modals that do something (not paging): the state a
 * click needs travels in the id, so it still works after a restart, and the router parses it back
 * instead of trusting it. PURE.
 *
 *   custom_id = `${code}|${part}|${part}…` (each part URI-encoded; at most 100 characters)
 *
 * A route's codec turns its typed parameters into parts and back; `parse` returns undefined for an id
 * that does not decode (an old or hand-made one), and the router answers that instead of guessing.
 */
import { LIMITS } from './limits.ts';

export interface ComponentCodec<P> {
  encode(params: P): readonly string[];
  /** The parameters, or undefined when the parts do not make valid ones. */
  decode(parts: readonly string[]): P | undefined;
}

export interface ComponentId<P> {
  readonly code: string;
  make(params: P): string;
  parse(customId: string): P | undefined;
}

const CODE = /^[a-z]{1,8}$/;

export function defineComponentId<P>(code: string, codec: ComponentCodec<P>): ComponentId<P> {
  if (!CODE.test(code)) throw new Error(`component code must match ${CODE} (got "${code}")`);
  return {
    code,
    make(params) {
      const id = [code, ...codec.encode(params).map(encodeURIComponent)].join('|');
      if (id.length > LIMITS.customId)
        throw new RangeError(
          `custom_id "${id.slice(0, 40)}…" is ${id.length} characters (max ${LIMITS.customId})`,
        );
      return id;
    },
    parse(customId) {
      const [head, ...rest] = customId.split('|');
      if (head !== code || customId.length > LIMITS.customId) return undefined;
      try {
        return codec.decode(rest.map(decodeURIComponent));
      } catch {
        return undefined;
      }
    },
  };
}

/** The code a custom_id starts with, when it has the shape of one. */
export function componentCode(customId: string): string | undefined {
  const head = customId.split('|', 1)[0] ?? '';
  return CODE.test(head) ? head : undefined;
}
