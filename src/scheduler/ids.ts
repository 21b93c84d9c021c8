/** Short, human-typeable ids: 6 characters without look-alikes (no 0/o, 1/l/i). */
import { createHash, randomInt } from 'node:crypto';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ID_LENGTH = 6;

export function newScheduleId(random: (max: number) => number = randomInt): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[random(ID_ALPHABET.length)];
  return id;
}

/** What a user typed as an id: `#K3M9XQ`, `` `k3m9xq` `` → `k3m9xq`; undefined if it cannot be one. */
export function normalizeScheduleId(input: string): string | undefined {
  const id = input
    .trim()
    .replace(/^[#`'"]+|[`'"]+$/g, '')
    .toLowerCase();
  return /^[a-z0-9]{1,16}$/.test(id) ? id : undefined;
}

/**
 * Discord message nonce for a run (≤ 25 characters). Deterministic, so every resend of the same run,
 * from any process, carries the same nonce and Discord (with enforce_nonce) keeps one message.
 */
export function runNonce(scheduleId: string, runIso: string): string {
  return createHash('sha256').update(`briefbot:${scheduleId}:${runIso}`).digest('hex').slice(0, 25);
}
