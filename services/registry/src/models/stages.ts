import { MlflowError } from '@provenant/platform';

/**
 * MLflow's stage API, mapped onto aliases (stages are deprecated since MLflow 2.9, mlflow#10336):
 * Staging and Production are the aliases `staging` and `production`; Archived is a flag on the
 * version; None is the absence of all three. Matching is case-insensitive, as in MLflow.
 */
export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_ALIAS: Partial<Record<Stage, string>> = { Staging: 'staging', Production: 'production' };

/** Aliases only governed promotion may move (`production` always; others when a policy names them). */
export const ALWAYS_PROTECTED = new Set(['production']);

export function parseStage(text: string): Stage {
  const stage = STAGES.find((s) => s.toLowerCase() === text.trim().toLowerCase());
  if (!stage)
    throw MlflowError.invalid(
      `Invalid Model Version stage: ${text}. Value must be one of ${STAGES.join(', ')}.`,
    );
  return stage;
}

export function stageOf(aliases: string[], archived: boolean): Stage {
  if (aliases.includes('production')) return 'Production';
  if (aliases.includes('staging')) return 'Staging';
  return archived ? 'Archived' : 'None';
}

/** MLflow validation.py `_validate_model_alias_name`. */
export function validateAlias(alias: string): void {
  if (!/^[\w-]+$/.test(alias) || alias.length > 255)
    throw MlflowError.invalid(
      `Invalid alias name: '${alias}'. Aliases may only contain alphanumerics, underscores and dashes, up to 255 characters.`,
    );
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias))
    throw MlflowError.invalid(`'${alias}' is reserved and cannot be used as an alias.`);
}
