// The parts of a language's messages (parts.ts; the loader in index.tsx gives them their type).
declare module '*?part=shell' {
  export const fi: object;
  export const en: object;
}
declare module '*?part=rest' {
  export const fi: object;
  export const en: object;
}
declare module '*?part=pages' {
  export const fi: object;
  export const en: object;
}
