import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { RiskConfigError } from '../errors.js';

const positiveDecimal = z
  .union([z.string(), z.number(), z.custom<Decimal>((v) => Decimal.isDecimal(v), 'expected a Decimal')])
  .transform((value, ctx) => {
    let d: Decimal;
    try {
      d = new Decimal(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `expected a finite decimal > 0, got ${JSON.stringify(String(value))}`,
      });
      return z.NEVER;
    }
    if (!d.isFinite() || !d.gt(0)) {
      ctx.addIssue({ code: 'custom', message: `expected a finite decimal > 0, got ${d.toString()}` });
      return z.NEVER;
    }
    return d;
  });

const openFraction = z.number({ error: 'expected a number in (0, 1)' }).refine((v) => v > 0 && v < 1, {
  error: (issue) => `expected a number in (0, 1), got ${String(issue.input)}`,
});

const count = z
  .number({ error: 'expected an integer >= 0' })
  .int({ error: 'expected an integer >= 0' })
  .min(0, { error: 'expected an integer >= 0' });

const rateSchema = z
  .object({
    maxOrders: z
      .number()
      .int({ error: 'expected an integer >= 1' })
      .min(1, { error: 'expected an integer >= 1' }),
    windowMs: z
      .number()
      .int({ error: 'expected an integer >= 1' })
      .min(1, { error: 'expected an integer >= 1' }),
  })
  .strict();

/**
 * Schema of the rules that can be set as defaults and overridden per symbol.
 *
 * @example
 * ```ts
 * import { ruleSetSchema } from '@rrr/risk';
 *
 * ruleSetSchema.parse({ maxOrderQuantity: '0.5' }).maxOrderQuantity?.toString(); // "0.5"
 * ```
 */
export const ruleSetSchema = z
  .object({
    enabled: z.boolean(),
    maxOrderQuantity: positiveDecimal,
    maxOrderNotional: positiveDecimal,
    maxPositionQuantity: positiveDecimal,
    maxPositionNotional: positiveDecimal,
    maxGrossExposure: positiveDecimal,
    maxNetExposure: positiveDecimal,
    maxLeverage: positiveDecimal,
    maxOpenOrders: count,
    maxOpenOrdersPerSymbol: count,
    priceCollar: openFraction,
    orderRate: rateSchema,
    maxDailyLoss: positiveDecimal,
  })
  .partial()
  .strict();

/**
 * Schema of a {@link RiskLimitsConfig}; parse with {@link parseRiskLimitsConfig}.
 *
 * @example
 * ```ts
 * import { riskLimitsConfigSchema } from '@rrr/risk';
 *
 * riskLimitsConfigSchema.safeParse({ defaults: { maxLeverage: -1 } }).success; // false
 * ```
 */
export const riskLimitsConfigSchema = z
  .object({
    defaults: ruleSetSchema.optional(),
    symbols: z.record(z.string().min(1), ruleSetSchema).optional(),
    accountOrderRate: rateSchema.optional(),
    killSwitch: z
      .object({ maxDrawdown: openFraction, action: z.enum(['halt', 'reduce']) })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Configuration of {@link RiskLimits} as written by a user (amounts as `Decimal | string | number`).
 *
 * Rules in `defaults` apply to every symbol; `symbols[s]` overrides any of them for orders on `s`
 * (the override replaces the default for that rule; portfolio-wide rules such as `maxGrossExposure`
 * are then evaluated with the override when the order is on `s`). Rules:
 *
 * - `enabled` (default true): false denies every order on the symbol.
 * - `maxOrderQuantity`, `maxOrderNotional`: per order.
 * - `maxPositionQuantity`, `maxPositionNotional`: |position + same-side open orders + order| on the symbol.
 * - `maxGrossExposure` (sum of |qty| * last price), `maxNetExposure` (|sum of qty * last price|),
 *   `maxLeverage` (gross / equity): after the order.
 * - `maxOpenOrders` (account), `maxOpenOrdersPerSymbol`: resting orders before this one.
 * - `priceCollar`: a limit price may differ from the last price by at most this fraction (0.05 = 5%).
 * - `orderRate`: at most `maxOrders` accepted orders on the symbol per sliding `windowMs`.
 * - `maxDailyLoss`: once `dayPnl <= -maxDailyLoss`, only exposure-reducing orders pass.
 *
 * Account-wide: `accountOrderRate` (all symbols together) and `killSwitch`: when the drawdown from
 * peak equity reaches `maxDrawdown`, the state moves to `halted` (`action: 'halt'`) or `reducing`.
 *
 * @example
 * ```ts
 * import type { RiskLimitsConfig } from '@rrr/risk';
 *
 * const config: RiskLimitsConfig = {
 *   defaults: { maxOrderNotional: '25000', priceCollar: 0.03, orderRate: { maxOrders: 10, windowMs: 1000 } },
 *   symbols: { 'DOGE/USDT': { maxOrderNotional: '2000' } },
 *   accountOrderRate: { maxOrders: 50, windowMs: 1000 },
 *   killSwitch: { maxDrawdown: 0.15, action: 'halt' },
 * };
 * ```
 */
export type RiskLimitsConfig = z.input<typeof riskLimitsConfigSchema>;

/**
 * A validated config with amounts as `Decimal`.
 *
 * @example
 * ```ts
 * import { type ParsedRiskLimitsConfig, parseRiskLimitsConfig } from '@rrr/risk';
 *
 * const parsed: ParsedRiskLimitsConfig = parseRiskLimitsConfig({ defaults: { maxLeverage: '2' } });
 * parsed.defaults?.maxLeverage?.toNumber(); // 2
 * ```
 */
export type ParsedRiskLimitsConfig = z.output<typeof riskLimitsConfigSchema>;

/**
 * The rules of one symbol after merging defaults and overrides.
 *
 * @example
 * ```ts
 * import { RiskLimits } from '@rrr/risk';
 *
 * const limits = new RiskLimits({
 *   defaults: { maxOrderNotional: 1000 },
 *   symbols: { 'BTC/USDT': { maxOrderNotional: 5000 } },
 * });
 * limits.rulesFor('BTC/USDT').maxOrderNotional?.toString(); // "5000"
 * ```
 */
export type ResolvedRules = z.output<typeof ruleSetSchema>;

/**
 * Validates a {@link RiskLimitsConfig}; throws {@link RiskConfigError} listing every bad field as `path: problem`.
 *
 * @param config - the user's config
 * @example
 * ```ts
 * import { parseRiskLimitsConfig } from '@rrr/risk';
 *
 * const parsed = parseRiskLimitsConfig({ defaults: { maxOrderNotional: '10000' } });
 * parsed.defaults?.maxOrderNotional?.toString(); // "10000"
 * ```
 */
export function parseRiskLimitsConfig(config: RiskLimitsConfig): ParsedRiskLimitsConfig {
  const result = riskLimitsConfigSchema.safeParse(config);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new RiskConfigError(issues, { cause: result.error });
}
