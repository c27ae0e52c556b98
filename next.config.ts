import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The image runs .next/standalone: the server with only the files it needs (Dockerfile, scripts/image-files.ts).
  output: "standalone",
  // PGlite ships its own wasm and data files; keep it (and the socket server) out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pglite-prisma-adapter"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
