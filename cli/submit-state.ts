/**
 * The Idempotency-Key of a submission attempt, kept on disk until the attempt is settled, so a
 * re-run after a crash or a lost connection resumes it (same key, same body: never stored twice)
 * while any other run is a new submission with a fresh key (submit A, B, then A again → stored,
 * and the county counts A).
 *
 * One small JSON file per (server, period, workbook path) under the cache directory
 * (SIGE_STATE_DIR, else $XDG_CACHE_HOME/sige, else ~/.cache/sige): `{ key, bodyHash, createdAt }`.
 * The key is reused only when the body about to be sent is the one of that attempt (same hash);
 * it is retired (the file removed) once the server has answered with a receipt or a refusal.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Attempt {
  key: string;
  bodyHash: string;
  createdAt: string;
  /** true when the key comes from an earlier run that did not finish. */
  resumed: boolean;
}

export function stateDir(env: Record<string, string | undefined>): string {
  if (env.SIGE_STATE_DIR) return env.SIGE_STATE_DIR;
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'sige', 'submissions');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function stateFile(dir: string, server: string, period: string, workbook: string): string {
  return join(dir, `${sha256(`${server}\n${period}\n${resolve(workbook)}`).slice(0, 32)}.json`);
}

export class SubmitState {
  private readonly file: string;
  constructor(
    private readonly dir: string,
    server: string,
    period: string,
    workbook: string,
  ) {
    this.file = stateFile(dir, server, period, workbook);
  }

  /** The key for sending `body`: the unfinished attempt's when it sent the same body, else a fresh one (saved). */
  begin(body: string): Attempt {
    const bodyHash = sha256(body);
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Attempt>;
      if (saved.bodyHash === bodyHash && typeof saved.key === 'string' && /^[\x21-\x7e]{8,200}$/u.test(saved.key)) {
        return { key: saved.key, bodyHash, createdAt: String(saved.createdAt ?? ''), resumed: true };
      }
    } catch {
      // No unfinished attempt (or an unreadable file): start a new one.
    }
    const attempt = { key: `sige-${randomUUID()}`, bodyHash, createdAt: new Date().toISOString() };
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(attempt));
    renameSync(tmp, this.file);
    return { ...attempt, resumed: false };
  }

  /** The server has settled the attempt (receipt or refusal): its key is not used again. */
  retire(): void {
    rmSync(this.file, { force: true });
  }
}
