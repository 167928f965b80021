import { type RiskLimitsConfig, riskLimitsConfigSchema } from '@rrr/risk';
import { z } from 'zod';

/** Pre-trade limits used when the configuration names none. */
export const DEFAULT_RISK_LIMITS: RiskLimitsConfig = {
  defaults: { maxOrderNotional: 10_000, priceCollar: 0.05, maxOpenOrders: 4 },
  killSwitch: { maxDrawdown: 0.25, action: 'reduce' },
};

const fraction = z.number().gt(0, 'must be > 0').lt(1, 'must be < 1');
const nonNegative = z.number().min(0, 'must be >= 0');
const positive = z.number().gt(0, 'must be > 0');
const marketSymbol = z
  .string('must be a BASE/QUOTE string')
  .regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

/**
 * Markets traded when the configuration names none.
 *
 * @example
 * ```ts
 * loadConfig().symbols; // same as DEFAULT_SYMBOLS: ['BTC/USDT']
 * ```
 */
export const DEFAULT_SYMBOLS: readonly string[] = ['BTC/USDT'];

/** Where the bot keeps orders, audit records and its journal. */
const storeSchema = z
  .object({
    /** `sqlite`: three files in `stateDir` (default); `postgres`: one PostgreSQL database. */
    kind: z.enum(['sqlite', 'postgres'], 'must be sqlite or postgres').default('sqlite'),
    /**
     * PostgreSQL connection URL (`postgres://user:password@host:5432/db`). Only from the environment
     * (`PAPER_BOT_DATABASE_URL`) or the `@rrr/secrets` vault, never from the config file; redacted when printed.
     */
    url: z
      .string('must be a postgres:// URL')
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  })
  .strict();

/** Zod schema of the paper bot's configuration (file + environment); every field has a default. */
export const configSchema = z
  .object({
    /** OHLCV CSV(.gz) file to replay; default: the embedded BTC/USDT 1h file. */
    dataFile: z.string().min(1, 'must be a non-empty path').optional(),
    /** Markets traded, all in one quote currency; default `['BTC/USDT']`. */
    symbols: z
      .array(marketSymbol, 'must be a list of BASE/QUOTE symbols')
      .min(1, 'must name at least one symbol')
      .optional(),
    /** One-symbol alias of `symbols` (`symbol: 'ETH/USDT'` is `symbols: ['ETH/USDT']`). */
    symbol: marketSymbol.optional(),
    /** First bar to trade (ISO date or ms); default: the model card's test period start. */
    from: z.union([z.string(), z.number()]).optional(),
    /** Stop before this bar (ISO date or ms). */
    to: z.union([z.string(), z.number()]).optional(),
    /** Process at most this many bars in this run (after resuming). */
    maxBars: z.number().int('must be an integer').min(1, 'must be >= 1').optional(),
    /** Replay speed in bars per second; 0 = as fast as possible. */
    speed: nonNegative.default(0),
    /** Directory of orders.db, audit.db and journal.db. */
    stateDir: z.string().min(1, 'must be a non-empty path').default('paper-bot-state'),
    initialCash: positive.default(10_000),
    seed: z.number().int('must be an integer').default(1),
    fees: z
      .object({
        takerFeeRate: z.number().min(0, 'must be >= 0').max(0.1, 'must be <= 0.1').default(0.001),
        makerFeeRate: z.number().min(0, 'must be >= 0').max(0.1, 'must be <= 0.1').default(0.001),
        slippageBps: nonNegative.default(2),
      })
      .strict()
      .default({ takerFeeRate: 0.001, makerFeeRate: 0.001, slippageBps: 2 }),
    strategy: z
      .object({
        /** Below this top probability the model says `hold`. */
        minConfidence: z.number().min(0, 'must be >= 0').max(1, 'must be <= 1').default(0.45),
        /** Multiplier applied to the full Kelly fraction. */
        kellyFraction: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1').default(0.5),
        /** Largest share of equity in the position. */
        maxEquityFraction: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1').default(0.5),
        /** Stop-loss distance below the entry, as a fraction (also the Kelly average loss). */
        stopLoss: fraction.default(0.02),
        /** Take-profit distance above the entry, as a fraction (also the Kelly average win). */
        takeProfit: fraction.default(0.03),
        /** Time stop: close a position held this many hours. */
        maxHoldHours: z.number().int('must be an integer').min(1, 'must be >= 1').default(24),
      })
      .strict()
      .default({
        minConfidence: 0.45,
        kellyFraction: 0.5,
        maxEquityFraction: 0.5,
        stopLoss: 0.02,
        takeProfit: 0.03,
        maxHoldHours: 24,
      }),
    /** A `@rrr/risk` RiskLimitsConfig, validated by that package's schema (kept as written). */
    riskLimits: z
      .unknown()
      .optional()
      .transform((value, ctx): RiskLimitsConfig => {
        const config = value ?? DEFAULT_RISK_LIMITS;
        const result = riskLimitsConfigSchema.safeParse(config);
        if (!result.success) {
          for (const issue of result.error.issues) {
            ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
          }
          return z.NEVER;
        }
        return config as RiskLimitsConfig;
      }),
    /** Where bars come from: `replay` (the CSV file) or `ccxt` (closed candles polled from an exchange). */
    source: z.enum(['replay', 'ccxt']).default('replay'),
    /** ccxt exchange id for `source: ccxt` (and the sandbox venue). */
    exchange: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/, 'must be a ccxt exchange id such as binance')
      .default('binance'),
    /** Where orders go: the in-process `paper` venue, or an exchange `sandbox` (needs API key and secret). */
    venue: z.enum(['paper', 'sandbox']).default('paper'),
    /** Order, audit and journal storage. */
    store: storeSchema.default({ kind: 'sqlite' }),
    /** Live market data (`source: ccxt`). */
    live: z
      .object({
        /** Milliseconds between two polls for newly closed candles. */
        pollMs: z.number().int('must be an integer').min(10, 'must be >= 10').default(15_000),
        /** Closed candles fetched before the first traded bar to warm the feature pipeline up. */
        warmupBars: z.number().int('must be an integer').min(32, 'must be >= 32').default(1000),
        /** Request timeout of the ccxt client, ms. */
        timeoutMs: z.number().int('must be an integer').min(100, 'must be >= 100').default(10_000),
        /** Replaces the scheme and host of every ccxt API URL (a proxy, or a local test server). */
        apiUrl: z.url('must be an http(s) URL').optional(),
      })
      .strict()
      .default({ pollMs: 15_000, warmupBars: 1000, timeoutMs: 10_000 }),
    /** The exchange test environment (`venue: sandbox`). */
    sandbox: z
      .object({
        /** Request timeout of the ccxt client, ms. */
        timeoutMs: z.number().int('must be an integer').min(100, 'must be >= 100').default(10_000),
        /** Replaces the scheme and host of every test-environment URL (a proxy, or a local test server). */
        apiUrl: z.url('must be an http(s) URL').optional(),
      })
      .strict()
      .default({ timeoutMs: 10_000 }),
    server: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().min(1, 'must be a non-empty host').default('127.0.0.1'),
        port: z
          .number()
          .int('must be an integer')
          .min(0, 'must be >= 0')
          .max(65_535, 'must be <= 65535')
          .default(9464),
      })
      .strict()
      .default({ enabled: false, host: '127.0.0.1', port: 9464 }),
    status: z.enum(['auto', 'tty', 'lines', 'off']).default('auto'),
    /** Plain status line every this many bars when not on a TTY. */
    statusEvery: z.number().int('must be an integer').min(1, 'must be >= 1').default(2000),
    /** Exchange credentials: never needed by the paper venue, only read so that they are redacted everywhere. */
    credentials: z
      .object({
        apiKey: z.string().min(4, 'must be at least 4 characters').optional(),
        apiSecret: z.string().min(4, 'must be at least 4 characters').optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.symbol !== undefined && config.symbols !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['symbol'],
        message: 'give either symbol (a one-symbol alias) or symbols, not both',
      });
    }
    const symbols = (config.symbols ?? []).filter((s) => marketSymbol.safeParse(s).success);
    const quotes = new Set(symbols.map((s) => s.split('/')[1]));
    if (quotes.size > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['symbols'],
        message: `must all have the same quote currency (got ${[...quotes].join(', ')})`,
      });
    }
    const seen = new Set<string>();
    for (const [index, symbol] of symbols.entries()) {
      if (seen.has(symbol))
        ctx.addIssue({ code: 'custom', path: ['symbols', index], message: `duplicate symbol ${symbol}` });
      seen.add(symbol);
    }
  })
  .transform(({ symbol, symbols, ...rest }) => ({
    ...rest,
    symbols: symbols ?? (symbol === undefined ? [...DEFAULT_SYMBOLS] : [symbol]),
  }));

/** The validated configuration of the paper bot. */
export type PaperBotConfig = z.output<typeof configSchema>;

/** Configuration as written in a file or passed to {@link runPaperBot}: every field optional. */
export type PaperBotConfigInput = z.input<typeof configSchema>;
