import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The image runs .next/standalone: the server with only the files it needs (Dockerfile, scripts/image-files.ts).
  output: "standalone",
  // PGlite ships its own wasm and data files; keep it out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() and unauthorized(): a refused page answers 403/401 with app/forbidden.tsx / app/unauthorized.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
