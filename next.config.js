// Next.js settings for the IdSync console.
/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native drivers and the Prisma adapters load from node_modules at run time, never bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "ldapts", "pg-boss", "mysql2", "croner"],
};

export default nextConfig;
