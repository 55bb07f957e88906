import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

export const promoteBody = z
  .object({
    target: z.string().min(1).max(255),
    reason: z
      .string()
      .max(5000)
      .nullish()
      .transform((r) => r ?? null),
  })
  .strict();

export const approveBody = z
  .object({
    target: z.string().min(1).max(255),
    comment: z
      .string()
      .max(5000)
      .nullish()
      .transform((c) => c ?? null),
  })
  .strict();

/** A version path parameter; anything but a positive integer is a 400 naming it. */
export function versionParam(text: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new BadRequestException(`version: must be a positive integer, got ${JSON.stringify(text)}`);
  return Number(text);
}
