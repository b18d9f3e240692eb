// What global setup hands the integration tests: one running server per database.
export interface Target {
  name: "sqlite" | "postgres";
  baseUrl: string;
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    targets: Target[];
  }
}
