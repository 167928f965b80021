import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import { AuditValidationError } from '../errors.js';
import { issueMessage } from '../events/event.js';
import type { ChainAnchor } from '../verify/verify.js';

/**
 * A signed statement "the log had `seq` records and record `seq` had hash `hash` at time `ts`". Store it
 * outside the log (another machine, object storage, a ticket); verifying the log against it detects
 * truncation and rewriting even by someone who can recompute the whole hash chain.
 */
export interface SignedCheckpoint {
  /** Format marker. */
  readonly version: 1;
  /** Sequence number of the last record covered. */
  readonly seq: number;
  /** Hash of that record. */
  readonly hash: string;
  /** When the checkpoint was made, ms UTC (injected clock). */
  readonly ts: number;
  /** Ed25519 signature over the fields above, base64. */
  readonly signature: string;
}

/** Outcome of {@link verifyCheckpoint}. */
export type CheckpointDecision =
  | {
      /** The signature is valid. */
      readonly ok: true;
      /** The anchor to pass to `verify({ checkpoints: [...] })`. */
      readonly anchor: ChainAnchor;
    }
  | {
      /** The checkpoint cannot be trusted. */
      readonly ok: false;
      /** Why. */
      readonly reason: string;
    };

const checkpointSchema = z.object({
  version: z.literal(1),
  seq: z.number().int('must be an integer').nonnegative('must be >= 0'),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
  ts: z.number().int('must be an integer (ms UTC)'),
  signature: z.string().min(1, 'must be a non-empty base64 string'),
});

function message(seq: number, hash: string, ts: number): Buffer {
  return Buffer.from(`rrr-audit-checkpoint/v1\n${seq}\n${hash}\n${ts}`, 'utf8');
}

function ed25519(key: KeyObject | string, kind: 'private' | 'public'): KeyObject {
  let object: KeyObject;
  try {
    object =
      typeof key === 'string' ? (kind === 'private' ? createPrivateKey(key) : createPublicKey(key)) : key;
  } catch (error) {
    throw new AuditValidationError(`field "${kind}Key" is not a PEM-encoded key`, { cause: error });
  }
  if (object.asymmetricKeyType !== 'ed25519') {
    throw new AuditValidationError(
      `field "${kind}Key" must be an Ed25519 key (got ${object.asymmetricKeyType ?? object.type})`,
    );
  }
  return object;
}

/**
 * Signs a checkpoint of a chain head with the caller's Ed25519 private key (`node:crypto`).
 *
 * @param head - the head to pin, e.g. `await log.head()`
 * @param privateKey - Ed25519 private key (KeyObject or PEM)
 * @param clock - source of the checkpoint time; default the wall clock
 * @returns the signed checkpoint, a plain JSON-serializable object
 *
 * @example
 * ```ts
 * import { generateKeyPairSync } from 'node:crypto';
 * import { createCheckpoint, GENESIS_HASH, verifyCheckpoint } from '@rrr/audit';
 *
 * const { privateKey, publicKey } = generateKeyPairSync('ed25519');
 * const checkpoint = createCheckpoint({ seq: 0, hash: GENESIS_HASH }, privateKey);
 * console.log(verifyCheckpoint(checkpoint, publicKey).ok); // true
 * ```
 */
export function createCheckpoint(
  head: ChainAnchor,
  privateKey: KeyObject | string,
  clock: Clock = systemClock,
): SignedCheckpoint {
  const key = ed25519(privateKey, 'private');
  const ts = clock.now();
  const signature = sign(null, message(head.seq, head.hash, ts), key).toString('base64');
  return { version: 1, seq: head.seq, hash: head.hash, ts, signature };
}

/**
 * Checks a checkpoint's shape and Ed25519 signature. A valid checkpoint's `anchor` is then passed to
 * `verify({ checkpoints })`, which fails with `truncated` when the log ends before it.
 *
 * @param checkpoint - untrusted checkpoint (e.g. parsed from a file)
 * @param publicKey - the Ed25519 public key matching the signing key (KeyObject or PEM)
 * @returns `{ ok: true, anchor }` or `{ ok: false, reason }`
 *
 * @example
 * ```ts
 * import { generateKeyPairSync } from 'node:crypto';
 * import { createCheckpoint, GENESIS_HASH, verifyCheckpoint } from '@rrr/audit';
 *
 * const { privateKey, publicKey } = generateKeyPairSync('ed25519');
 * const forged = { ...createCheckpoint({ seq: 0, hash: GENESIS_HASH }, privateKey), seq: 5 };
 * console.log(verifyCheckpoint(forged, publicKey)); // { ok: false, reason: 'signature does not match ...' }
 * ```
 */
export function verifyCheckpoint(checkpoint: unknown, publicKey: KeyObject | string): CheckpointDecision {
  const key = ed25519(publicKey, 'public');
  const parsed = checkpointSchema.safeParse(checkpoint);
  if (!parsed.success)
    return { ok: false, reason: issueMessage(parsed.error, { checkpoint }, ['checkpoint']) };
  const { seq, hash, ts, signature } = parsed.data;
  const valid = verify(null, message(seq, hash, ts), key, Buffer.from(signature, 'base64'));
  if (!valid)
    return { ok: false, reason: `signature does not match checkpoint seq ${seq} hash ${hash} for this key` };
  return { ok: true, anchor: { seq, hash } };
}
