export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The password of every demo user in the test server. */
export const DEMO_PASSWORD = 'e2e-demo-password';
