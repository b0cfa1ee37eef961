/**
 * The schema of every stored record, by key: used when records are loaded, when a workspace file
 * is imported and when "Download what can be saved" picks what is still sound. A record that
 * fails its schema is dropped or repaired by its owner with a notice, never shown half-read.
 */
import { z } from 'zod';
import { ALL_FIELDS } from '../../core/clients/import-fields.ts';
import { parseCriticModel } from '../../core/rlhf/critic.ts';
import { readCorrectionsDoc } from '../../core/rlhf/corrections.ts';
import { sealedBytesSchema } from '../../core/storage/integrity.ts';
import { readFeedbackDoc } from '../components/feedback/feedback-model.ts';
import { KEYS } from './persistence.ts';

export const metaSchema = z.object({
  version: z.number().int().min(0),
  updatedAt: z.string(),
  embedder: z.string(),
  schema: z.number().int().optional(),
});

export const conversationMetaSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  updatedAt: z.string(),
  questions: z.number().int().min(0).optional(),
});
export const conversationListSchema = z.array(z.unknown());

const answerRecordSchema = z
  .object({
    question: z.string().optional(),
    answer: z.string().optional(),
    tool_calls: z.array(z.object({ name: z.string() }).passthrough()),
    contexts: z.array(z.string()),
    citations: z.array(z.object({}).passthrough()),
    reflections: z.array(z.object({ verdict: z.string() }).passthrough()),
    attempts: z.number(),
    ms: z.number(),
  })
  .passthrough();

const turnSchema = z
  .object({
    id: z.string().min(1),
    question: z.string(),
    answer: z.string(),
    status: z.enum(['running', 'done', 'error', 'cancelled']),
    step: z.string().default(''),
    events: z.array(z.object({ type: z.string() }).passthrough()).default([]),
    record: answerRecordSchema.optional(),
    error: z.string().optional(),
    notice: z.string().optional(),
  })
  .passthrough();

export const conversationSchema = conversationMetaSchema.extend({ turns: z.array(turnSchema) });
export type StoredConversation = z.infer<typeof conversationSchema>;

/** Non-secret settings; the endpoint and key never travel in workspace files. */
export const secretsSchema = z.object({
  /** API keys by the endpoint origin they were entered for. */
  keys: z.record(z.string(), z.string()).default({}),
});
export type StoredSecrets = z.infer<typeof secretsSchema>;

/**
 * Column mappings a rep confirmed for client imports: by header set (`ImportDraft.headerKey`),
 * each normalized header → the field it fills (null: not imported). Oldest header set first.
 */
export const importMappingsSchema = z.record(z.string(), z.record(z.string(), z.enum(ALL_FIELDS as [string, ...string[]]).nullable()));
export type StoredImportMappings = z.infer<typeof importMappingsSchema>;

const savedRunSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  report: z
    .object({
      started_at: z.string(),
      provider: z.string(),
      judge: z.string(),
      quality: z.string(),
      cases: z.array(z.object({ question: z.string() }).passthrough()),
      averages: z.object({ overall: z.number() }).passthrough(),
    })
    .passthrough(),
});

const passes = (schema: z.ZodType) => (v: unknown) => schema.safeParse(v).success;
const doesNotThrow = (fn: (v: unknown) => unknown) => (v: unknown) => {
  try {
    fn(v);
    return true;
  } catch {
    return false;
  }
};

interface RecordKind {
  matches: (key: string) => boolean;
  /** What the record is, in a rep's words. */
  label: string;
  valid: (value: unknown) => boolean;
}

const KINDS: RecordKind[] = [
  { matches: (k) => k === KEYS.meta, label: 'the workspace version', valid: passes(metaSchema) },
  { matches: (k) => k === KEYS.clientsDb || k === KEYS.clientsDbBackup, label: 'the client database', valid: passes(sealedBytesSchema) },
  { matches: (k) => k === KEYS.playbook || k === KEYS.playbookBackup, label: 'the playbook index', valid: passes(sealedBytesSchema) },
  { matches: (k) => k.startsWith(`${KEYS.playbookPdfs}/`), label: 'an original playbook PDF', valid: (v) => v instanceof Uint8Array },
  { matches: (k) => k === KEYS.conversations, label: 'the conversation list', valid: passes(z.array(conversationMetaSchema)) },
  { matches: (k) => k === KEYS.conversationsCurrent, label: 'the open conversation', valid: (v) => typeof v === 'string' },
  { matches: (k) => k.startsWith(KEYS.conversation), label: 'a conversation', valid: passes(conversationSchema) },
  { matches: (k) => k.startsWith(KEYS.checkpoints), label: "a conversation's memory", valid: (v) => typeof v === 'object' && v !== null },
  { matches: (k) => k === KEYS.feedback, label: 'the feedback', valid: doesNotThrow(readFeedbackDoc) },
  { matches: (k) => k === KEYS.corrections, label: 'your notes from corrections', valid: doesNotThrow(readCorrectionsDoc) },
  { matches: (k) => k === KEYS.useCritic, label: 'the critic switch', valid: (v) => typeof v === 'boolean' },
  { matches: (k) => k === `${KEYS.critic}active`, label: 'the active critic', valid: (v) => Number.isInteger(v) },
  { matches: (k) => k.startsWith(`${KEYS.critic}v`), label: 'a trained critic', valid: doesNotThrow(parseCriticModel) },
  { matches: (k) => k.startsWith(`${KEYS.evalRuns}/`), label: 'an evaluation run', valid: passes(savedRunSchema) },
  { matches: (k) => k === KEYS.settings, label: 'the settings', valid: (v) => typeof v === 'object' && v !== null },
  { matches: (k) => k === KEYS.secrets, label: 'the API keys', valid: passes(secretsSchema) },
  { matches: (k) => k === KEYS.importMappings, label: 'the remembered import columns', valid: passes(importMappingsSchema) },
];

/** Records that belong in a workspace file: never settings, API keys, backups or per-tab state. */
export function isWorkspaceRecord(key: string): boolean {
  if (key === KEYS.settings || key === KEYS.secrets || key === KEYS.conversationsCurrent) return false;
  if (key.endsWith('.bak')) return false;
  return KINDS.some((k) => k.matches(key));
}

/** What a record is, in words ("a conversation"); undefined for keys this version does not know. */
export function recordLabel(key: string): string | undefined {
  return KINDS.find((k) => k.matches(key))?.label;
}

/** Null when the record matches its schema, else what it is (for a message). Unknown keys pass. */
export function checkRecord(key: string, value: unknown): string | null {
  const kind = KINDS.find((k) => k.matches(key));
  return !kind || kind.valid(value) ? null : kind.label;
}
