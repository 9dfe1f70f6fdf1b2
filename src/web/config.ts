// config/review.yaml: settings of the review UI, validated once when the app is created.
import { z } from 'zod';
import { DEFAULT_CONFIG_DIR, loadConfigFile } from '../config/load.ts';

export const reviewFileSchema = z.strictObject({
  /** The queue's default confidence threshold, 0..1. */
  min_confidence_default: z.number().min(0).max(1),
});

export interface ReviewConfig {
  minConfidenceDefault: number;
}

/** Reads and validates review.yaml from the config folder (ConfigError naming the file, line and key). */
export function loadReviewConfig(configDir: string = DEFAULT_CONFIG_DIR): ReviewConfig {
  const file = loadConfigFile(configDir, 'review.yaml', reviewFileSchema);
  return { minConfidenceDefault: file.min_confidence_default };
}
