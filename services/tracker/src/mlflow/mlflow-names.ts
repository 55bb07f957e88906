import { posix } from 'node:path';
import { MlflowError } from '@provenant/platform';

// MLflow's validation rules (mlflow/utils/validation.py): names of metrics, params and tags.
export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;
export const MAX_EXPERIMENT_NAME_LENGTH = 500;

const VALID_NAME = /^[/\w.\- ]*$/;

/** A name must match the character set and must not change under POSIX path normalisation. */
export function validateKey(kind: 'metric' | 'param' | 'tag', field: string, key: string): void {
  if (key.length > MAX_KEY_LENGTH)
    throw MlflowError.invalid(
      `${kind} name '${field}' exceeds the maximum length of ${MAX_KEY_LENGTH} characters.`,
    );
  const norm = posix.normalize(key);
  if (!VALID_NAME.test(key) || norm !== key || norm === '.' || norm.startsWith('..') || norm.startsWith('/'))
    throw MlflowError.invalid(
      `Invalid ${kind} name '${key}' in '${field}': names may only contain alphanumerics, underscores (_), ` +
        `dashes (-), periods (.), spaces ( ), and slashes (/), and must not be a path that normalises differently.`,
    );
}

export function validateValueLength(kind: 'param' | 'tag', field: string, key: string, value: string): void {
  const max = kind === 'param' ? MAX_PARAM_VALUE_LENGTH : MAX_TAG_VALUE_LENGTH;
  if (value.length > max)
    throw MlflowError.invalid(
      `${kind} '${key}' in '${field}' has a value of length ${value.length}, over the limit of ${max}.`,
    );
}

export function validateExperimentName(name: string): void {
  if (name.trim() === '')
    throw MlflowError.invalid("Invalid experiment name: ''. Experiment name must be non-empty.");
  if (name.length > MAX_EXPERIMENT_NAME_LENGTH)
    throw MlflowError.invalid(
      `Experiment name exceeds the maximum length of ${MAX_EXPERIMENT_NAME_LENGTH} characters.`,
    );
}
