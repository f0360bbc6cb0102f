import { Foundation1764150000000 } from './1764150000000-Foundation';
import { Prohibitions1764170000000 } from './1764170000000-Prohibitions';
import { Register1764160000000 } from './1764160000000-Register';

/** Every migration, in order. Listed explicitly so the compiled server needs no glob. */
export const migrations = [Foundation1764150000000, Register1764160000000, Prohibitions1764170000000];
