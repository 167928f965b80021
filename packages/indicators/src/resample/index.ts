export { type AlignOptions, alignToLowerTimeframe } from './align.js';
export {
  INCOMPLETE_BUCKET_POLICIES,
  type IncompleteBucketPolicy,
  type ResampleOptions,
  type ResampleResult,
  resample,
} from './resample.js';
export {
  type ResampledBar,
  StreamingResampler,
  type StreamingResamplerOptions,
} from './streaming-resampler.js';
export type { TimeframeInput } from './timeframe.js';
