import { MlflowError } from '@provenant/platform';

/** Columns a registry search may filter on (MLflow's search_registered_models / search_model_versions). */
const COLUMNS: Record<string, string> = {
  name: 'name',
  run_id: 'run_id',
  source_path: 'source',
  version_number: 'version',
};

const CLAUSE =
  /^\s*(tags?\.(?:`[^`]+`|"[^"]+"|[\w.-]+)|[a-z_]+)\s*(=|!=|ILIKE|LIKE|IN)\s*('(?:[^']|'')*'|"[^"]*"|\d+|\([^)]*\))\s*$/i;

const unquote = (v: string) =>
  /^'.*'$/.test(v) ? v.slice(1, -1).replace(/''/g, "'") : /^".*"$/.test(v) ? v.slice(1, -1) : v;

/**
 * Translates MLflow's registry filter grammar (clauses joined by AND; `name`, `run_id`,
 * `source_path`, `version_number`, `tags.<key>`; =, !=, LIKE, ILIKE, IN) into a parameterised
 * WHERE fragment. Anything else is INVALID_PARAMETER_VALUE, as in MLflow.
 */
export function registryFilter(filter: string | undefined, allowed: string[], params: unknown[]): string {
  if (!filter || filter.trim() === '') return 'TRUE';
  return filter
    .split(/\s+AND\s+/i)
    .map((text) => {
      const m = CLAUSE.exec(text);
      if (!m) throw MlflowError.invalid(`Invalid filter '${filter}': cannot parse clause '${text.trim()}'.`);
      const [, ident, rawOp, rawValue] = m;
      const op = rawOp.toUpperCase();
      let column: string;
      if (/^tags?\./i.test(ident)) {
        params.push(unquote(ident.replace(/^tags?\./i, '').replace(/^`(.*)`$/, '$1')));
        column = `tags ->> $${params.length}`;
      } else {
        if (!allowed.includes(ident) || !COLUMNS[ident])
          throw MlflowError.invalid(
            `Invalid attribute key '${ident}' in filter; expected one of ${allowed.join(', ')}.`,
          );
        column = ident === 'version_number' ? 'version' : COLUMNS[ident];
      }
      if (op === 'IN') {
        const items = rawValue
          .replace(/^\(|\)$/g, '')
          .split(',')
          .map((s) => unquote(s.trim()))
          .filter((s) => s !== '');
        params.push(items);
        return `${column}::text = ANY($${params.length}::text[])`;
      }
      params.push(unquote(rawValue));
      // A model without the tag is "not equal" (MLflow's prompt filter relies on it: `tag.x != 'true'`).
      if (op === '!=') return `${column}::text IS DISTINCT FROM $${params.length}`;
      return `${column}::text ${op} $${params.length}`;
    })
    .join(' AND ');
}
