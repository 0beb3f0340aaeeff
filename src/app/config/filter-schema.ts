import { z } from 'zod';

/** Placeholder until the filters land: every filter must at least name its type. */
export const filterSchema = z.looseObject({ type: z.string() });
