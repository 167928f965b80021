import { z } from 'zod';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** @internal */
export const kdfSchema = z.discriminatedUnion('name', [
  z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 22)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(16),
    salt: b64.min(16),
  }),
  z.object({ name: z.literal('keyfile'), keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
]);

/** @internal */
export type Kdf = z.infer<typeof kdfSchema>;

/** @internal */
export const vaultFileSchema = z.object({
  format: z.literal('rrr-secrets-vault'),
  version: z.literal(1),
  kdf: kdfSchema,
  cipher: z.literal('aes-256-gcm'),
  iv: b64.length(16),
  tag: b64.length(24),
  data: b64,
});

/** @internal */
export type VaultFile = z.infer<typeof vaultFileSchema>;

/** @internal */
export const payloadSchema = z.object({
  secrets: z.record(
    z.string(),
    z.object({
      value: z.string(),
      createdAt: z.number(),
      rotatedAt: z.number(),
      rotateBy: z.number().optional(),
    }),
  ),
});

/** @internal */
export type VaultPayload = z.infer<typeof payloadSchema>;

/** @internal The exact bytes authenticated as GCM additional data: the header in a fixed field order. */
export function headerAad(kdf: Kdf): Buffer {
  const kdfCanonical =
    kdf.name === 'scrypt'
      ? { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt }
      : { name: kdf.name, keyId: kdf.keyId };
  return Buffer.from(
    JSON.stringify({ format: 'rrr-secrets-vault', version: 1, kdf: kdfCanonical, cipher: 'aes-256-gcm' }),
  );
}
