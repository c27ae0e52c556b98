#!/bin/sh
# Prisma 7's CLI insists on a native schema engine it downloads; `prisma generate` never calls it.
# Migrations are hand-written SQL applied by lib/db/migrate.ts, so nothing here needs the engine.
echo "no schema engine offline: migrations are applied by lib/db/migrate.ts" >&2
exit 1
