// madge ships no types; the part of its API the architecture test uses.
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][];
  }
  export default function madge(path: string, config?: Record<string, unknown>): Promise<MadgeResult>;
}
