# syntax=docker/dockerfile:1
# Rekisteri's image: one Node process serving the API and the built web app (ROLE=all|web|worker).
# The same steps CI runs: pnpm install --frozen-lockfile, pnpm build. Build: docker build -t rekisteri .

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10
# Dependencies first, so a change of source reuses the installed layer.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY schema/package.json schema/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json ./
COPY schema schema
COPY server server
COPY web web
# The compliance report is made by CI from its test results; an image built without one says so on its page.
RUN pnpm --filter @rekisteri/schema build \
 && pnpm --filter @rekisteri/server build \
 && pnpm --filter @rekisteri/web build

# Production dependencies of the server (and the schema package it uses) only.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY schema/package.json schema/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile --prod --filter @rekisteri/server...

FROM node:20-bookworm-slim AS runtime
# pg_dump / pg_restore for `pnpm backup` against a server; tini reaps and forwards signals (graceful shutdown).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    WEB_DIST=/app/web/dist \
    DEMO_DATA=false
COPY --from=deps /app/node_modules node_modules
COPY --from=deps /app/schema/node_modules schema/node_modules
COPY --from=deps /app/server/node_modules server/node_modules
COPY --from=build /app/schema/package.json schema/
COPY --from=build /app/schema/dist schema/dist
COPY --from=build /app/schema/schema.graphql schema/
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/web/dist web/dist
RUN mkdir -p /data && chown node:node /data
# Never root: the server needs no privilege, and its only writable place is DATA_DIR (embedded database only).
USER node
WORKDIR /app/server
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
