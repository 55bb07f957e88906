import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PushRowsDto } from './push-rows.dto';

/**
 * Validates a push body with PushRowsDto, except that the rows are only checked to be objects:
 * running class-transformer over 10k rows costs more than ingesting them, and each row is
 * validated against the view right after.
 */
export function parsePushBody(body: unknown): PushRowsDto {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequestException(['body must be a JSON object']);
  const { rows, ...rest } = body as Record<string, unknown>;
  const dto = plainToInstance(PushRowsDto, { ...rest, rows: [] });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (!Array.isArray(rows)) messages.push('rows must be an array');
  else {
    const bad = rows.findIndex((r) => !r || typeof r !== 'object' || Array.isArray(r));
    if (bad >= 0) messages.push(`rows.${bad} must be an object`);
  }
  if (messages.length > 0) throw new BadRequestException(messages);
  dto.rows = rows as Record<string, unknown>[];
  return dto;
}
