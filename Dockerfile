# Costwise image: the Next.js standalone server plus the bundled command line, on Node.js 24 (the current LTS).
#   docker build -t costwise .
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://… costwise            (apply migrations, then serve)
#   docker run -e DATABASE_URL=… -e COSTWISE_AWS=true costwise sync           (the same image runs the sync…)
#   docker run -e DATABASE_URL=… costwise export spend --format csv           (…and the exports)
# The runtime stage below is what e2e/standalone.spec.ts rebuilds and starts: it reads this file's
# `COPY --from=build` lines and ENTRYPOINT/CMD, so a change here is tested there.

FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first (a layer reused until the lockfile changes); postinstall generates the Prisma client.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/no-schema-engine.sh ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# next build (output: standalone) then the command line bundled into .next/standalone/costwise.mjs.
RUN npm run build

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
# COSTWISE_HOST: listen on every interface inside the container (the app's own default is loopback only).
# COSTWISE_DATA_DIR: the embedded database, used only when DATABASE_URL is unset (mount a volume there).
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    COSTWISE_HOST=0.0.0.0 \
    COSTWISE_DATA_DIR=/data
# Owned by root and read-only to the server: the app never writes its own files.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
COPY --from=build /src/prisma/migrations ./prisma/migrations
# Writable paths (everything else can be a read-only root filesystem):
#   /tmp              scratch space (Node, exports)
#   /app/.next/cache  Next.js's cache of rendered pages and images
#   /app/.next/server/route-cache  Next.js's cache of static route answers (the icon), written on first request
#   /data             the embedded database, only without DATABASE_URL
RUN mkdir -p /data /app/.next/cache /app/.next/server/route-cache \
    && chown node:node /data /app/.next/cache /app/.next/server/route-cache
VOLUME ["/data"]
# The node user of the official image (uid 1000); numeric so Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "costwise.mjs", "health"]
ENTRYPOINT ["node", "costwise.mjs"]
CMD ["serve"]
