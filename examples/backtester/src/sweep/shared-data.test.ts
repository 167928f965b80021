import { describe, expect, it } from 'vitest';
import { loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import { openSharedFiles, shareFiles } from './shared-data.js';

describe('data shared with sweep workers', () => {
  const file = loadFile(DEFAULT_BTC_FILE);

  it('opens the same bars and exact price strings, on shared memory', () => {
    const [shared] = shareFiles([file]);
    expect(shared?.columns).toBeInstanceOf(SharedArrayBuffer);
    const [opened] = openSharedFiles(shared ? [shared] : []);
    expect(opened?.path).toBe(file.path);
    expect(opened?.sha256).toBe(file.sha256);
    expect(opened?.series.symbol).toBe('BTC/USDT');
    for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(opened?.series[field]).toEqual(file.series[field]);
      expect(opened?.series[field].buffer).toBe(shared?.columns);
    }
    expect(opened?.series.raw).toEqual(file.series.raw);
    expect(opened?.series.raw[0]?.[0]).toBe(file.series.raw[0]?.[0]); // the file's own string, e.g. "42283.58000000"
  });

  it('refuses price rows that do not match the bar count', () => {
    const [shared] = shareFiles([file]);
    if (!shared) throw new Error('nothing shared');
    const cut = { ...shared, raw: shared.raw.slice(0, shared.raw.lastIndexOf('\n')) };
    expect(() => openSharedFiles([cut])).toThrow(/shared data of BTC\/USDT: 5979 price rows for 5980 bars/);
  });
});
