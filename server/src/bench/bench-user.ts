import type pg from 'pg';
import { hashPassword } from '../auth/passwords';

/** The SALES user `pnpm bench:seed` creates and `pnpm bench` signs in as. */
export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password-1';
/** The MARKETING user of `pnpm bench:compare`'s B3 (the same page, the phone denied). */
export const BENCH_MARKETING_USER = 'bench-marketing';
/** The suppression HMAC key of a benchmark run (production mode asks for one with DATABASE_URL); SUPPRESSION_SECRET overrides it. */
export const BENCH_SUPPRESSION_SECRET = 'bench-only-suppression-secret-not-for-production';

/** The benchmark's users, made if missing: SALES `bench` and MARKETING `bench-marketing`, ready to work. */
export async function ensureBenchUsers(client: pg.Client, confidentialityVersion: string): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  for (const [username, role] of [
    [BENCH_USER, 'SALES'],
    [BENCH_MARKETING_USER, 'MARKETING'],
  ]) {
    await client.query(
      `INSERT INTO users (username, display_name, password_hash, roles, must_change_password, confidentiality_accepted_version)
       VALUES ($1, 'Benchmark', $2, ARRAY[$3], false, $4) ON CONFLICT (username) DO NOTHING`,
      [username, hash, role, confidentialityVersion],
    );
  }
}
