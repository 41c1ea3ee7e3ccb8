import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options.ts";

// GET|POST /api/auth/* – next-auth's own endpoints (sign-in, sign-out, session, CSRF) for the web app
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
