export { RollingMinMax, rollingMinMax } from './rolling-min-max.js';
export { RollingZScore, rollingZScore } from './rolling-z-score.js';
export { zScoreWholeSeriesLookahead } from './whole-series.js';
