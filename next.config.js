// Next.js configuration. Native and database packages stay outside the bundle so the custom server and the
// route handlers share one copy of them at run time.
/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "socket.io"],
  typescript: { ignoreBuildErrors: false },
};
