import { Foundation1764150000000 } from './1764150000000-Foundation';

/** Every migration, in order. Listed explicitly so the compiled server needs no glob. */
export const migrations = [Foundation1764150000000];
