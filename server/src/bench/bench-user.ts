/** The SALES user `pnpm bench:seed` creates and `pnpm bench` signs in as. */
export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password-1';
/** The suppression HMAC key of a benchmark run (production mode asks for one with DATABASE_URL); SUPPRESSION_SECRET overrides it. */
export const BENCH_SUPPRESSION_SECRET = 'bench-only-suppression-secret-not-for-production';
