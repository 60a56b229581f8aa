# svcsim in a container, for big studies on a cluster (README, "Big studies on a cluster"):
#   docker build -t svcsim:0.1.0 .
#   docker run --rm svcsim:0.1.0 run scenarios/seed-two-nodes.yaml
# The build stage compiles dist/ (it needs the dev dependencies: TypeScript, esbuild); the image
# holds the production dependencies alone, dist/ without source maps, the bundled scenarios and
# the schema, and runs as the unprivileged user node (uid 1000). Both stages are the same Node,
# so the V8 code cache made at build time is the one the image's Node accepts.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No scripts: `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY scenarios ./scenarios
COPY schema ./schema
RUN npm run build && find dist -name '*.map' -delete

FROM node:20-slim
ENV NODE_ENV=production
# Relative paths (scenarios/..., results/...) resolve here; a Job mounts its scenario and results elsewhere.
WORKDIR /opt/svcsim
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY scenarios ./scenarios
COPY schema ./schema
COPY LICENSE README.md ./
USER node
ENTRYPOINT ["node", "/opt/svcsim/dist/svcsim.cjs"]
CMD ["--help"]
