import { z } from 'zod';
import { s3ConnectionFields } from '../../adapters/aws-s3/s3-settings.js';

/**
 * Connection keys per `in.type`, merged with the common selection/parser keys. Unknown keys are errors.
 * `file` reads a local folder: path_prefix is a local path prefix. `s3_v2` (alias `s3`) reads S3 or an
 * S3-compatible store; its cross-field auth rules run in the adapter after a saved authentication is merged.
 */
export const fileConnectionFields = {
  type: z.literal('file'),
};

export const connectionSchemas: Record<string, Record<string, z.ZodType>> = {
  file: fileConnectionFields,
  s3_v2: s3ConnectionFields,
};
