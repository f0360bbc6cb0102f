export { EEA_COUNTRIES, inEea } from '@rekisteri/schema';
