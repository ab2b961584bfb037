import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * A DuckDB database for one run, with bounded memory: past the limit DuckDB
 * spills to its temporary folder instead of growing.
 */
export interface DuckDbOptions {
  /** Database file (spills and tables live there); ':memory:' for small inputs and tests. */
  path?: string;
  /** e.g. '1GB'. */
  memoryLimit?: string;
  threads?: number;
  tempDirectory?: string;
}

export type Row = Record<string, unknown>;

export interface DuckDb {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
  /** Runs one statement, reporting DuckDB's own progress estimate (0–100) while it works. */
  runWithProgress(sql: string, onProgress: (percent: number) => void): Promise<void>;
  close(): void;
}

export async function openDuckDb(options: DuckDbOptions = {}): Promise<DuckDb> {
  const config: Record<string, string> = {};
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.threads) config.threads = String(options.threads);
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection: DuckDBConnection = await instance.connect();
  return {
    async run(sql) {
      await connection.run(sql);
    },
    async rows(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Row[];
    },
    async runWithProgress(sql, onProgress) {
      await connection.run('PRAGMA enable_progress_bar; PRAGMA disable_print_progress_bar;');
      const pending = await connection.start(sql);
      const timer = setInterval(() => {
        const p = connection.progress.percentage;
        if (p >= 0) onProgress(p);
      }, 250);
      try {
        await pending.runAllTasks();
        await pending.getResult();
      } finally {
        clearInterval(timer);
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
