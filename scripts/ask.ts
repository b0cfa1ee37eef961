/**
 * `npm run ask`: answers questions with the same agent graph as the app, from the command line.
 * With --json each answer is exactly one line of AnswerRecord JSON on stdout; logs go to stderr
 * only with DEBUG=1.
 */
import { createCopilot, type Copilot } from '../src/core/agents/copilot.ts';
import type { AnswerRecord } from '../src/core/agents/types.ts';
import { toAppError } from '../src/core/errors.ts';
import { OpenAICompatibleProvider } from '../src/core/providers/openai.ts';
import { MemorySaver } from '@langchain/langgraph/web';
import { ASK_USAGE, UsageError, batchConversations, parseAskArgs, type AskArgs } from './lib/ask-args.ts';
import { WORKSPACE_USAGE, loadWorkspace, readArgText, takeWorkspaceArgs, workspaceProblem, type CliWorkspace, type WorkspaceSource } from './lib/workspace.ts';

const DEBUG = process.env.DEBUG === '1';
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Library chatter (pdf.js warnings...) must never reach stdout, where JSON lines go. */
function quietConsole(): void {
  const toStderr = (...parts: unknown[]) => (DEBUG ? err(parts.map(String).join(' ')) : undefined);
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
}

function buildCopilot(args: AskArgs, ws: CliWorkspace): Copilot {
  const base = { clients: ws.clients, playbook: ws.playbook, tools: ws.tools, today: ws.today, rep: args.rep };
  if (args.provider === 'openai') {
    const apiKey = process.env.OPENAI_API_KEY ?? '';
    if (!apiKey && !process.env.OPENAI_BASE_URL) throw new UsageError('--provider openai needs OPENAI_API_KEY (and optionally OPENAI_BASE_URL, MODEL_NAME)');
    const openai = new OpenAICompatibleProvider({ apiKey, baseUrl: process.env.OPENAI_BASE_URL, model: process.env.MODEL_NAME });
    return createCopilot({ ...base, crm: openai, reviewer: openai });
  }
  return createCopilot(base);
}

function human(r: AnswerRecord): string {
  const lines = [r.answer, ''];
  if (r.notice) lines.push(`Note: ${r.notice}`);
  if (r.citations.length) {
    lines.push('Sources:');
    for (const c of r.citations)
      lines.push(`  - ${c.kind === 'client' ? `client ${c.source}` : `${c.source}${c.page ? ` p. ${c.page}` : ''}${c.heading ? ` (${c.heading})` : ''}`}`);
  }
  const tools = r.tool_calls.map((t) => t.name).join(', ') || 'none';
  const verdict = r.reflections[r.reflections.length - 1]?.verdict ?? 'n/a';
  lines.push(`(${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, reflection ${verdict}, tools: ${tools}, ${r.ms} ms, provider ${r.provider ?? '?'})`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: AskArgs;
  let source: WorkspaceSource;
  try {
    const taken = takeWorkspaceArgs(process.argv.slice(2));
    source = taken.source;
    args = parseAskArgs(taken.rest);
  } catch (e) {
    const problem = workspaceProblem(e);
    err(problem ? `ask: ${problem}` : `ask: ${e instanceof Error ? e.message : 'bad arguments'}\n\n${ASK_USAGE}\n\n${WORKSPACE_USAGE}`);
    return 2;
  }
  if (args.help) {
    out(`${ASK_USAGE}\n\n${WORKSPACE_USAGE}`);
    return 0;
  }
  if (args.provider === 'webllm') {
    err('ask: the webllm provider needs WebGPU in a browser. Use it from the app, or run with --provider builtin or --provider openai.');
    return 2;
  }
  quietConsole();
  const batch = args.batch ? batchConversations(await readArgText('--batch', args.batch)) : [[args.question ?? '']];
  // Without --conversation every question stands alone; with it, each block of lines is one thread.
  const threads = args.conversation ? batch : batch.flat().map((q) => [q]);
  const many = batch.flat().length > 1;
  const ws = await loadWorkspace(source);
  let copilot: Copilot;
  try {
    copilot = buildCopilot(args, ws);
  } catch (e) {
    err(`ask: ${e instanceof Error ? e.message : 'bad configuration'}`);
    return 2;
  }
  let failures = 0;
  const checkpointer = new MemorySaver();
  for (const [t, thread] of threads.entries()) {
    for (const question of thread) {
      try {
        const record = await copilot.answer(question, {
          threadId: `cli-${t}`,
          checkpointer,
          onEvent: DEBUG ? (e) => e.type !== 'token' && err(`[event] ${JSON.stringify(e)}`) : undefined,
        });
        out(args.json ? JSON.stringify(record) : `${many ? `## ${question}\n\n` : ''}${human(record)}${many ? '\n' : ''}`);
      } catch (e) {
        failures += 1;
        const appErr = toAppError(e);
        if (args.json) out(JSON.stringify({ question, error: { code: appErr.code, message: appErr.message } }));
        else err(`ask: "${question}" failed (${appErr.code}): ${appErr.message}`);
      }
    }
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const problem = workspaceProblem(e);
    const appErr = toAppError(e);
    err(problem ? `ask: ${problem}` : `ask: ${appErr.code}: ${appErr.message}`);
    process.exit(problem ? 2 : 1);
  },
);
