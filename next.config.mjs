// api-contract.md clients call the API without the /v1 prefix; these paths alias the canonical ones.
// /v1/admin is not aliased: /admin is the web app's admin console.
const UNPREFIXED_API = ["auth", "users", "chats", "dialogs", "attachments", "media", "reports", "calls"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server/index.ts compresses pages and scripts; API answers are left as they are (issue 12).
  compress: false,
  // `npm run typecheck` checks the whole project (tests included) as its own step of `npm test`.
  typescript: { ignoreBuildErrors: true },
  // Prisma's query compiler (WASM) and pg must stay plain Node modules, shared with server/.
  // Storage SDKs and sharp (native) load as plain Node modules too.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "nodemailer",
    "ioredis",
    "rate-limiter-flexible",
    "sharp",
    "@aws-sdk/client-s3",
    "@aws-sdk/s3-request-presigner",
    "uploadthing",
    "@uploadthing/shared",
    "web-push",
  ],
  async rewrites() {
    return {
      beforeFiles: UNPREFIXED_API.map((prefix) => ({
        source: `/${prefix}/:path*`,
        destination: `/v1/${prefix}/:path*`,
      })),
    };
  },
};

export default nextConfig;
