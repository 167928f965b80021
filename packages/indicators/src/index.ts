/**
 * OHLCV series, TA-Lib-exact technical indicators (batch and streaming), resampling, causal normalization
 * and feature matrices for models.
 *
 * @packageDocumentation
 */
export { IndicatorError, isIndicatorError } from './errors.js';
export * from './features/index.js';
export * from './indicators/index.js';
export * from './normalize/index.js';
export * from './resample/index.js';
export * from './series/index.js';
