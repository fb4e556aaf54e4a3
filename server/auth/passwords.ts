import { hash, verify } from '@node-rs/argon2';

/** Argon2id (the package's default algorithm) with its default cost: ~19 MiB and ~50 ms a hash here. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
