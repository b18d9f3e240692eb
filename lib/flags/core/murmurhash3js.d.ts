// murmurhash3js ships no types; this is the one function Tidegate (and Unleash's Node SDK) call.
declare module "murmurhash3js" {
  export const x86: { hash32(key: string, seed?: number): number };
}
