import { z } from 'zod';

/**
 * Connection keys per `in.type`, merged with the common selection/parser keys. Unknown keys are errors.
 * `file` reads a local folder: path_prefix is a local path prefix.
 */
export const fileConnectionFields = {
  type: z.literal('file'),
};

export const connectionSchemas: Record<string, Record<string, z.ZodType>> = {
  file: fileConnectionFields,
};
