import bcrypt from "bcrypt";

export async function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
export const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5S0v1uaUQvAYUvUF0Bg6WZ3fc0d6L2y";
