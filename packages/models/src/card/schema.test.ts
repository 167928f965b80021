import { describe, expect, it } from 'vitest';
import { parseModelCard } from './schema.js';

const valid = {
  schemaVersion: 1,
  name: 'm',
  version: '1',
  model: {
    file: 'm.onnx',
    sha256: 'a'.repeat(64),
    format: 'onnx',
    opset: 17,
    inputName: 'features',
    outputName: 'logits',
    output: 'logits',
  },
  features: { source: 'x', names: ['a', 'b'] },
  windowLength: 4,
  normalization: { method: 'zscore', mean: [0, 0], std: [1, 2], clip: 5 },
  classes: ['down', 'flat', 'up'],
  label: { horizonBars: 4, downThreshold: -0.01, upThreshold: 0.01, definition: 'r = ...' },
  training: {
    symbol: 'BTC/USDT',
    timeframe: '1h',
    dataFile: 'd.csv',
    dataSha256: 'b'.repeat(64),
    seed: 1,
    trainPeriod: { start: 0, end: 10 },
  },
  calibration: { method: 'temperature', temperature: 1.2 },
};

const withField = (path: string[], value: unknown): unknown => {
  const copy = structuredClone(valid) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) ?? ''] = value;
  return copy;
};

describe('parseModelCard', () => {
  it('accepts a valid card and returns it typed', () => {
    const card = parseModelCard(valid);
    expect(card.classes).toEqual(['down', 'flat', 'up']);
    expect(card.calibration.temperature).toBe(1.2);
  });

  it.each([
    [['model', 'sha256'], 'ABC', 'card.model.sha256: expected 64 lowercase hex digits'],
    [['features', 'names'], ['a', 'a'], 'card.features.names: feature names must be unique'],
    [['normalization', 'std'], [1, 0], 'card.normalization.std.1: Too small: expected number to be >0'],
    [['training', 'trainPeriod'], { start: 5, end: 1 }, 'card.training.trainPeriod: end must be >= start'],
    [['label', 'downThreshold'], 0.5, 'card.label.downThreshold: must be <= label.upThreshold'],
    [['calibration', 'temperature'], 0, 'card.calibration.temperature: Too small: expected number to be >0'],
  ])('rejects %j = %j naming the field', (path, value, message) => {
    expect(() => parseModelCard(withField(path, value))).toThrow(message);
  });

  it('throws a ModelCardError with code invalid_card', () => {
    try {
      parseModelCard({});
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'ModelCardError', code: 'invalid_card' });
      expect((error as Error).message).toMatch(/^card\.schemaVersion: /);
    }
  });
});
