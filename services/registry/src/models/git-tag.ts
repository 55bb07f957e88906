import { MlflowError } from '@provenant/platform';

/**
 * `model/<name>/v<N>`, refused when the model name cannot be part of a git ref name
 * (git-check-ref-format: no control characters, space, `~^:?*[\`, `..`, `@{`, no component
 * starting with `.` or ending with `.lock`, no empty component, no trailing `.` or `/`).
 */
export function gitTagFor(name: string, version: number): string {
  const tag = `model/${name}/v${version}`;
  const bad =
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\/\/|\/$|\.$/.test(tag) ||
    tag.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock'));
  if (bad)
    throw MlflowError.invalid(
      `Invalid value for parameter 'git_tag': model name ${JSON.stringify(name)} cannot form the git tag ${tag}.`,
    );
  return tag;
}
