export * from './permissions';
export { subject } from '@casl/ability';
export { packRules, unpackRules, permittedFieldsOf } from '@casl/ability/extra';
export * from './orders/prices';
export * from './privacy';
