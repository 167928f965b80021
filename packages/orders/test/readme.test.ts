import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog, readmeExampleCode, readmeExpectedOutput } from '../../../test-support/readme.js';

const readme = new URL('../README.md', import.meta.url);
const example = new URL('./readme-example.ts', import.meta.url);

describe('README example', () => {
  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(readmeExampleCode(readme)).toBe(readFileSync(example, 'utf8'));
  });

  it('runs against the paper exchange on real bars and prints what the README says', async () => {
    const lines = await captureConsoleLog(() => import('./readme-example.js'));
    expect(lines).toEqual(readmeExpectedOutput(readme));

    // The figures follow from the fill model and the position rules, recomputed here independently.
    const entry = new Decimal('60735').mul('1.0002').div('0.01').ceil().mul('0.01'); // open of the 04:00 bar + 2 bps
    expect(entry.toString()).toBe('60747.15');
    const entryFee = entry.mul('0.02').mul('0.001'); // taker
    const limitFee = new Decimal('0.03').mul(60300).mul('0.0008'); // maker
    const exitFee = new Decimal('0.02').mul(60600).mul('0.001'); // taker
    expect(lines).toContain(
      `2024-08-04T04:00:00.000Z fill entry-mkt: buy 0.02 @ ${entry} taker fee ${entryFee} USDT -> position 0.02 BTC`,
    );
    // The 07:00 bar's low 60260 trades through the resting 60300 limit: maker fill at the limit.
    expect(lines).toContain(
      `2024-08-04T07:00:00.000Z fill entry-lmt: buy 0.03 @ 60300 maker fee ${limitFee} USDT -> position 0.05 BTC`,
    );
    // The 08:00 bar's high 60666 trades through the 60600 sell placed at 08:00: taker (first bar after placing).
    expect(lines).toContain(
      `2024-08-04T08:00:00.000Z fill take-profit: sell 0.02 @ 60600 taker fee ${exitFee} USDT -> position 0.03 BTC`,
    );
    const average = entry.mul('0.02').add(new Decimal(60300).mul('0.03')).div('0.05');
    const gross = new Decimal(60600).sub(average).mul('0.02');
    const fees = entryFee.add(limitFee).add(exitFee);
    const unrealized = new Decimal('60565.41').sub(average).mul('0.03');
    expect(lines).toContain(
      `position 0.03 BTC, avg entry ${average}, realized ${gross.sub(fees)} (gross ${gross}, fees ${fees}), unrealized ${unrealized} at 60565.41`,
    );
    expect(lines.at(-1)).toBe(`equity ${gross.sub(fees).add(unrealized).add(10_000)} USDT`);
    expect(lines).toContain('entry-big: denied (max_quantity: 0.5 BTC exceeds the 0.05 BTC limit)');
  });

  it('has a Decimal helpers snippet that is test/readme-decimal-helpers.ts and prints what it says', async () => {
    const block = /## Decimal helpers[\s\S]*?```ts\n([\s\S]*?)```/.exec(readFileSync(readme, 'utf8'))?.[1];
    expect(block).toBe(readFileSync(new URL('./readme-decimal-helpers.ts', import.meta.url), 'utf8'));
    const lines = await captureConsoleLog(() => import('./readme-decimal-helpers.js'));
    expect(lines).toEqual(['9244.3655296 9244.3655296']);
  });
});
