# syntax=docker/dockerfile:1
# dockreview: the GitHub App server (`node dist/bundle/server.js`), with the command line in the same image
# (`docker run --rm -v "$PWD:/src:ro" IMAGE node bin/dockreview.js lint /src`). See docs/deploy.md.
# It passes `dockreview lint --fail-on style` with zero findings, and scripts/smoke-image.sh replays the runtime
# stage's steps outside Docker; CI runs both. Both stages name the base in full, so update bots see it.

# build bundles the server, its lint worker and the CLI into single files (scripts/bundle.mjs): every dependency is
# inside them, so the runtime stage needs no node_modules at all.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/gen-compose-validator.mjs scripts/bundle.mjs ./scripts/
COPY src ./src
RUN npm run bundle

# Runtime: the bundles, and what they read at run time (package.json for the version, the config schemas, the rule
# pages `dockreview explain` shows).
FROM node:20.20-bookworm-slim
# the `shellcheck` rule runs this binary on every RUN it reviews; pinned to Debian bookworm's build
RUN apt-get update \
    && apt-get install -y --no-install-recommends shellcheck=0.9.0-1 \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json ./
COPY --from=build /app/dist/bundle ./dist/bundle
# the CLI (`docker run … node bin/dockreview.js lint`): bin/dockreview.js runs bundle/cli.cjs and its WASM files
COPY --from=build /app/bundle/cli.cjs /app/bundle/tree-sitter.wasm /app/bundle/tree-sitter-bash.wasm ./bundle/
COPY bin ./bin
COPY schema ./schema
COPY docs/rules ./docs/rules
# the `node` user of the base image, by number so runtimes can verify it is not root
USER 1000:1000
EXPOSE 3000
# no curl in a slim image: node's fetch probes the server's own liveness endpoint
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# a 2 MB young generation (semi-space) per half: a review's garbage is short-lived, and a smaller nursery keeps
# the server's memory about 20 MB lower under a burst of reviews at no measurable cost in latency (docs/server.md)
CMD ["node", "--max-semi-space-size=2", "dist/bundle/server.js"]
# The OCI labels' build args come last, so that a new commit does not invalidate the cached layers above. Pass
# them (docs/deploy.md shows how); a label left empty says "not recorded" rather than something untrue.

ARG VERSION
ARG REVISION
ARG CREATED
ARG SOURCE=https://github.com/dockreview/dockreview
LABEL org.opencontainers.image.title="dockreview" \
      org.opencontainers.image.description="Reviews Dockerfiles and Compose files on pull requests: a GitHub App and a CLI" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
