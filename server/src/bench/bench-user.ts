/** The SALES user `pnpm bench:seed` creates and `pnpm bench` signs in as. */
export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password-1';
