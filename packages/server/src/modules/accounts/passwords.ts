/** Password hashing (argon2id) and the password policy. */
import { hash, verify } from '@node-rs/argon2';

export interface PasswordOptions {
  minLength: number;
  memoryKib: number;
}

// @node-rs/argon2's Algorithm is a const enum (not importable under verbatimModuleSyntax): 2 = Argon2id.
const ARGON2ID = 2;

export function hashPassword(password: string, opts: PasswordOptions): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: opts.memoryKib, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash never logs anyone in
  }
}

/** Character classes: lower-case, upper-case, digits, anything else (symbols, CJK …). */
export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/** Reasons the password fails the policy; empty when it passes. */
export function passwordProblems(password: string, minLength: number, username?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < minLength) problems.push(`at least ${minLength} characters`);
  if (characterClasses(password) < 3) {
    problems.push('at least three of: lower-case, upper-case, digits, symbols');
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('must not contain the username');
  }
  if ([...password].length > 256) problems.push('at most 256 characters');
  return problems;
}
