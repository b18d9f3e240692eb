import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/auth-options";

export const dynamic = "force-dynamic";

const handler = (req: Request, ctx: unknown) => NextAuth(authOptions())(req, ctx);
export { handler as GET, handler as POST };
