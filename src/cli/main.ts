import { FencengError } from '../app/errors.js';
import { CHECK_RULES_HELP, checkRulesCommand } from './commands/check-rules.js';
import { EXPLAIN_HELP, explainCommand } from './commands/explain.js';
import { RECOMPUTE_HELP, recomputeCommand } from './commands/recompute.js';
import { SAMPLE_HELP, sampleCommand } from './commands/sample.js';
import { PREVIEW_HELP, previewCommand } from './commands/preview.js';
import { SQL_HELP, sqlCommand } from './commands/sql.js';
import { guardBrokenPipes, processIo, type Io } from './io.js';

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  recompute: recomputeCommand,
  explain: explainCommand,
  'check-rules': checkRulesCommand,
  sample: sampleCommand,
  preview: previewCommand,
  sql: sqlCommand,
};

const HELP = `分层管理 Fenceng — 抖音粉丝社群分层 / layered management of Douyin fan communities

${RECOMPUTE_HELP}
${EXPLAIN_HELP}
${CHECK_RULES_HELP}
${SAMPLE_HELP}
${PREVIEW_HELP}
${SQL_HELP}`;

/** Runs one command; returns the exit code. Operator errors print a message, not a stack. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardBrokenPipes();
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const asked = !name || name === 'help' || name === '--help' || name === '-h';
    if (asked) {
      io.out(HELP);
      return 0;
    }
    io.err(`未知命令「${name}」，可用：${Object.keys(COMMANDS).join('、')} / Unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    io.err(HELP);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof FencengError) {
      io.err(e.message);
      return 1;
    }
    // Anything else is our bug or the machine's: say so plainly, stack on demand.
    const err = e as Error;
    io.err(`出错了，未写入任何内容：${err.message} / Failed, nothing written: ${err.message}`);
    if (process.env.FENCENG_DEBUG) io.err(err.stack ?? '');
    return 1;
  }
}
