export * from './roles';
export * from './fields';
export * from './ability';
