import { defineConfig } from "prisma/config";

// The CLI only needs a URL for `migrate`/`db push`; the app connects through @prisma/adapter-pg.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/stu" },
});
