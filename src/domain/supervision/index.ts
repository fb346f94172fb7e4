export * from './assess.js';
export * from './input.js';
export * from './rubric.js';
export { RUBRICS, RUBRIC_IDS, type RubricId } from './rubrics/index.js';
