import type { Rubric } from '../rubric.js';
import { perdep06_2016 } from './perdep-06-2016.js';
import { perdep07_2016 } from './perdep-07-2016.js';
import { permenkop09_2020 } from './permenkop-09-2020.js';

/** The rubric versions shipped with Sokoguru, by id. */
export const RUBRICS = {
  'perdep-06-2016': perdep06_2016,
  'perdep-07-2016': perdep07_2016,
  'permenkop-09-2020': permenkop09_2020,
} as const satisfies Record<string, Rubric>;

export type RubricId = keyof typeof RUBRICS;
export const RUBRIC_IDS = Object.keys(RUBRICS) as RubricId[];
