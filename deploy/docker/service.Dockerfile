# syntax=docker/dockerfile:1
#
# One image recipe for all six services (run from the repository root):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=tracker --build-arg PORT=7103 -t provenant/tracker .
# docker-compose.yml passes the same two arguments for each service.
#
# Why precompile: in development the services run TypeScript through @swc-node/register, a
# devDependency. The runtime image should carry neither dev dependencies nor a compiler, so the
# build stage compiles libs/ and the service to CommonJS with SWC, beside the sources, and the
# runtime stage gets those files plus production dependencies only. The repository layout is kept
# (/app/libs, /app/services/<name>, /app/schemas), so __dirname-relative paths behave as in dev.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Only the manifests, so the two `npm ci` layers below stay cached until a dependency changes.
# `npm ci` needs the package.json of every workspace the lockfile links; tools/* are left out
# (and ignored in .dockerignore): npm accepts a missing workspace folder, and the images never
# load tools.
FROM base AS manifests
COPY . /src
RUN mkdir /manifests \
 && cd /src \
 && cp package.json package-lock.json /manifests/ \
 && find libs services -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

# --ignore-scripts: no dependency needs an install script here (SWC's native binary is an
# optional dependency package, not a download), and the root package.json disallows them anyway.
FROM base AS deps-dev
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

FROM base AS deps-prod
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

FROM deps-dev AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo 'build with --build-arg SERVICE=<service name>' >&2; exit 1; }
COPY tsconfig.base.json .swcrc ./
COPY deploy/docker/image-swcrc.js deploy/docker/
COPY libs/ libs/
COPY services/${SERVICE}/ services/${SERVICE}/
# SWC rewrites the @provenant/* aliases (tsconfig paths) to relative requires, so the output needs
# no loader at run time. All of libs/ is compiled: cheap, and a service may use any shared lib.
RUN node deploy/docker/image-swcrc.js > /tmp/swcrc.json \
 && npx swc libs "services/${SERVICE}/src" --out-dir . --config-file /tmp/swcrc.json \
      --extensions .ts --ignore '**/*.spec.ts' --ignore '**/test/**' \
 && test -f "services/${SERVICE}/src/main.js"

FROM base AS runtime
ARG SERVICE
ARG PORT
RUN test -n "$PORT" || { echo 'build with --build-arg PORT=<port> (SERVICE_CATALOG)' >&2; exit 1; }
# Production by default: the service then refuses to start without PROVENANT_TOKENS(_FILE).
# HOST=0.0.0.0 because the config schema's default (127.0.0.1) is unreachable from outside a container.
ENV NODE_ENV=production \
    PROVENANT_SERVICE=${SERVICE} \
    HOST=0.0.0.0 \
    PORT=${PORT}
COPY --from=deps-prod /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/libs ./libs
COPY --from=build /app/services/${SERVICE} ./services/${SERVICE}
COPY schemas/ ./schemas/
# Files stay root-owned: the service user can read its code but not change it.
USER node
EXPOSE ${PORT}
# Liveness only (it does not check dependencies, see the health controller); fetch is built into
# Node 20, and the slim image has neither curl nor wget.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `exec` replaces the shell, so node is PID 1 and receives SIGTERM itself (Nest's shutdown hooks).
CMD ["sh", "-c", "exec node --enable-source-maps \"services/$PROVENANT_SERVICE/src/main.js\""]
