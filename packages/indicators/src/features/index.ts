export { computeFeatures, type FeatureMatrix } from './compute-features.js';
export { FeaturePipeline } from './feature-pipeline.js';
export {
  DEFAULT_FEATURE_SPEC,
  type FeatureDefinition,
  type FeatureKind,
  type FeatureSpec,
  featureColumns,
} from './spec.js';
