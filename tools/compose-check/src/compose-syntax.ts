// The parts of the Compose file format the drift check reads, normalised. Each field accepts both of
// its forms (map or list, short or long syntax), because either is valid Compose and a reformat must
// not hide a service from the check. https://docs.docker.com/reference/compose-file/services/

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  environment?: Record<string, unknown> | string[];
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  depends_on?: string[] | Record<string, { condition?: string } | null>;
  healthcheck?: { test?: unknown; disable?: boolean };
}

export interface ComposeFile {
  services?: Record<string, ComposeService>;
}

export interface Interpolated {
  value: string;
  /** Variables the value takes from the host with no default. */
  fromHost: string[];
}

/**
 * Resolves Compose interpolation as it would be with an empty host environment: `${VAR:-x}` and
 * `${VAR-x}` give x, `$$` is a literal `$`. `${VAR}`, `$VAR` and `${VAR:?err}` need the host and are
 * reported, so the file keeps working without a .env. https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/
 */
export function interpolate(raw: string): Interpolated {
  const fromHost: string[] = [];
  const value = raw.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, operand?: string, bare?: string) => {
      if (match === '$$') return '$';
      if (operator === '-' || operator === ':-') return operand ?? '';
      if (operator === '+' || operator === ':+') return ''; // unset: the alternative is not used
      fromHost.push((braced ?? bare)!);
      return '';
    },
  );
  return { value, fromHost };
}

/** `environment:` as name → raw value; `null` means "pass through from the host" (`- NAME` or `NAME:`). */
export function environmentOf(service: ComposeService): Record<string, string | null> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((item): [string, string | null] => {
        const eq = item.indexOf('=');
        return eq < 0 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
      })
    : Object.entries(env).map(([k, v]): [string, string | null] => [k, v == null ? null : String(v)]);
  return Object.fromEntries(entries);
}

export interface PortMapping {
  /** The port on the host, when published. */
  published?: number;
  /** The port inside the container. */
  target: number;
}

/** `ports:` in short (`[ip:][host:]container[/proto]`) or long (`{target, published}`) syntax. */
export function portsOf(service: ComposeService): PortMapping[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      const published =
        port.published === undefined ? undefined : Number(interpolate(String(port.published)).value);
      return { target: Number(port.target), published };
    }
    const parts = interpolate(String(port)).value.split('/')[0].split(':');
    const target = Number(parts.at(-1));
    return parts.length > 1 ? { target, published: Number(parts.at(-2)) } : { target };
  });
}

/** `depends_on:` as service → condition; the list form means `service_started`. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v?.condition ?? 'service_started']));
}

/** `build.args` as name → string (map or `NAME=value` list). */
export function buildArgsOf(service: ComposeService): Record<string, string> | undefined {
  if (typeof service.build !== 'object' || service.build.args === undefined) return undefined;
  const args = service.build.args;
  const entries = Array.isArray(args)
    ? args.map((a) => a.split(/=(.*)/s).slice(0, 2))
    : Object.entries(args).map(([k, v]) => [k, String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v ?? '').value]));
}
