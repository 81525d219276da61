export type Role = "ADMIN" | "MEMBER";

/** Who is acting: the signed-in person, or later a token's owner. Every service takes one first. */
export type Actor = { id: string; role: Role; name: string; email: string };
