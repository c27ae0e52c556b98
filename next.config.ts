import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships its own wasm and data files; keep it (and the socket server) out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pglite-prisma-adapter"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
