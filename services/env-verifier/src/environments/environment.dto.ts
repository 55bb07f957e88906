import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
export const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const FINGERPRINT_MESSAGE = 'must be sha256:<64 lowercase hex digits>';

export class RecordEnvironmentDto {
  @ApiProperty({
    description: 'Manifest from `provenant env capture` or the SDK; its digests are recomputed.',
  })
  @IsObject()
  manifest: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'Where it was captured: `dev`, `staging`, `production`, `ci`… (a target name makes it that target’s environment).',
  })
  @IsOptional()
  @Matches(TARGET_NAME)
  label?: string;

  @ApiPropertyOptional({ description: 'The run this environment ran, when captured for one.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  runId?: string;
}

export class ReferenceDto {
  @ApiPropertyOptional({ example: 'production' })
  @IsOptional()
  @Matches(TARGET_NAME)
  target?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(FINGERPRINT, { message: `fingerprint ${FINGERPRINT_MESSAGE}` })
  fingerprint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  runId?: string;
}

export class VerifyEnvironmentDto extends RecordEnvironmentDto {
  @ApiPropertyOptional({ description: 'A recorded environment; give this or `manifest`.' })
  @IsOptional()
  @Matches(FINGERPRINT, { message: `fingerprint ${FINGERPRINT_MESSAGE}` })
  fingerprint?: string;

  @ApiPropertyOptional({
    description: 'A manifest to record and verify in one step; give this or `fingerprint`.',
  })
  @IsOptional()
  @IsObject()
  declare manifest: Record<string, unknown>;

  @ApiProperty({ type: ReferenceDto, description: 'Exactly one of target, fingerprint, runId.' })
  @ValidateNested()
  @Type(() => ReferenceDto)
  reference: ReferenceDto;

  @ApiPropertyOptional({ description: 'Overrides the target’s policy for this verification.' })
  @IsOptional()
  @IsObject()
  policy?: Record<string, unknown>;
}

export class SetTargetDto {
  @ApiPropertyOptional({
    description:
      'Pin to a recorded environment; null follows the latest capture labelled with the target name.',
  })
  @IsOptional()
  @Matches(FINGERPRINT, { message: `fingerprint ${FINGERPRINT_MESSAGE}` })
  fingerprint?: string | null;

  @ApiPropertyOptional({ description: '{rules: [{match, severity, when?}], default}' })
  @IsOptional()
  @IsObject()
  policy?: Record<string, unknown> | null;
}

/** 400 naming the fields when not exactly one of them is given. */
export function exactlyOne(body: object, fields: string[], prefix = ''): void {
  const given = fields.filter((f) => (body as Record<string, unknown>)[f] !== undefined);
  if (given.length !== 1) {
    const names = fields.map((f) => prefix + f);
    throw new BadRequestException({
      message: `give exactly one of ${names.join(', ')}`,
      field: names.join('|'),
    });
  }
}
