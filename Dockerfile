# syntax=docker/dockerfile:1
# The dockreview command line in an image: `docker run --rm -v "$PWD:/src:ro" dockreview lint /src`.
# It passes `dockreview lint --fail-on style` with zero findings; CI checks that.
ARG NODE_IMAGE=node:20.18-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE}
ARG REVISION=unknown
LABEL org.opencontainers.image.title="dockreview" \
      org.opencontainers.image.description="Best-practice review of Dockerfiles" \
      org.opencontainers.image.source="https://github.com/dockreview/dockreview" \
      org.opencontainers.image.revision="${REVISION}"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schema ./schema
COPY docs/rules ./docs/rules
USER 1000:1000
WORKDIR /src
ENTRYPOINT ["node", "/app/bin/dockreview.js"]
CMD ["lint", "."]
