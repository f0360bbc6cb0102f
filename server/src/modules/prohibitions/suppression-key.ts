import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

/**
 * The HMAC key of suppression hashes. With a server database it comes from SUPPRESSION_SECRET (the
 * same on every server process); with the embedded one it is made once and kept beside the data.
 */
export function resolveSuppressionSecret(config: Config, inMemory = false): string {
  if (config.suppressionSecret) return config.suppressionSecret;
  if (inMemory) return randomBytes(32).toString('base64url');
  const file = path.join(config.dataDir, 'suppression.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
