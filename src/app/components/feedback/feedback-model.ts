/**
 * Plain-TypeScript rules behind the Feedback page and the critic state: merge by id, edits,
 * training readiness and the critic's verdict per record. No DOM, no runes, so it is unit-tested.
 */
import { Lexer, type Token } from 'marked';
import { stripCitations } from '../../../core/citations.ts';
import { AppError } from '../../../core/errors.ts';
import type { Embedder } from '../../../core/playbook/types.ts';
import { MIN_CHECK_PER_CLASS, checkReadiness } from '../../../core/rlhf/assessment.ts';
import { calibratedScore, recordToInput, type CriticModel } from '../../../core/rlhf/critic.ts';
import { criticFits } from '../../../core/rlhf/critic-hook.ts';
import { extractFeatures } from '../../../core/rlhf/features.ts';
import type { EpochStats } from '../../../core/rlhf/ppo.ts';
import { parseFeedback, type FeedbackRecord } from '../../../core/rlhf/records.ts';

/** Below this many records (or without both labels) training is refused with a clear reason. */
export const MIN_TRAINING_RECORDS = 6;
export const MIN_PER_CLASS = 2;

/** Quick corrections offered under a thumbs-down. */
export const QUICK_CORRECTIONS = [
  'It should have used the playbook',
  'It should have looked up the client',
  'It named the wrong client',
  'A figure is not in the client record',
] as const;

/** What is persisted under KEYS.feedback. A bare array (older or hand-made data) is accepted too. */
export interface FeedbackDoc {
  version: number;
  records: FeedbackRecord[];
}

/** Editable fields of a record. */
export type FeedbackPatch = Partial<Pick<FeedbackRecord, 'correctness' | 'correction'>>;

export interface MergeReport {
  added: number;
  updated: number;
  total: number;
}

/** Reads the stored document; anything unreadable is a `storage-corrupt` error, never a silent reset. */
export function readFeedbackDoc(data: unknown): FeedbackDoc {
  if (data === undefined || data === null) return { version: 0, records: [] };
  const doc = Array.isArray(data) ? { version: 0, records: data } : (data as Partial<FeedbackDoc>);
  try {
    return { version: typeof doc.version === 'number' ? doc.version : 0, records: ensureIds(parseFeedback(doc.records)) };
  } catch {
    throw new AppError('storage-corrupt', 'The saved feedback could not be read.');
  }
}

let counter = 0;
/** A new record id: random when the platform offers it, else time plus a counter. */
export function newFeedbackId(): string {
  const c: { randomUUID?: () => string } | undefined = globalThis.crypto;
  return c?.randomUUID ? `fb-${c.randomUUID()}` : `fb-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

/** Gives every record an id so it can be edited, deleted and merged. */
export function ensureIds(records: readonly FeedbackRecord[], makeId: () => string = newFeedbackId): FeedbackRecord[] {
  return records.map((r) => (r.id ? r : { ...r, id: makeId() }));
}

/** Merges incoming records into existing ones: same id replaces in place, new ids are appended. */
export function mergeById(existing: readonly FeedbackRecord[], incoming: readonly FeedbackRecord[]): { records: FeedbackRecord[]; report: MergeReport } {
  const records = existing.slice();
  const index = new Map(records.map((r, i) => [r.id, i]));
  let added = 0;
  let updated = 0;
  for (const r of ensureIds(incoming)) {
    const at = index.get(r.id);
    if (at === undefined) {
      index.set(r.id, records.length);
      records.push(r);
      added++;
    } else {
      records[at] = r;
      updated++;
    }
  }
  return { records, report: { added, updated, total: records.length } };
}

/** Applies an edit; an empty correction removes the field. Throws when the id is unknown. */
export function patchRecord(records: readonly FeedbackRecord[], id: string, patch: FeedbackPatch): FeedbackRecord[] {
  const at = records.findIndex((r) => r.id === id);
  if (at < 0) throw new AppError('bad-feedback', 'That feedback record no longer exists (deleted in another tab?).');
  const next: FeedbackRecord = { ...records[at] };
  if (patch.correctness !== undefined) next.correctness = patch.correctness;
  if (patch.correction !== undefined) {
    const text = patch.correction.trim();
    if (text) next.correction = text;
    else delete next.correction;
  }
  const out = records.slice();
  out[at] = next;
  return out;
}

/** The most recent record for this exact question and answer, if the rep rated it before. */
export function findFeedback(records: readonly FeedbackRecord[], question: string, answer: string): FeedbackRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i].user_input === question && records[i].crm_output === answer) return records[i];
  }
  return undefined;
}

export type Readiness = { ok: true; good: number; bad: number } | { ok: false; good: number; bad: number; reason: string };

const plural = (n: number, word: string) => `${n} more ${word} answer${n === 1 ? '' : 's'}`;

/**
 * Whether there is enough feedback to train and to check the result on answers it will not learn
 * from (the held-back share of the ratings plus the `reference` examples); if not, a sentence
 * saying how many more ratings of each kind are needed.
 */
export function trainingReadiness(records: readonly FeedbackRecord[], reference: readonly FeedbackRecord[] = []): Readiness {
  const good = records.filter((r) => r.correctness).length;
  const bad = records.length - good;
  const have = `You have ${records.length} (${good} good, ${bad} bad).`;
  if (records.length < MIN_TRAINING_RECORDS) {
    return { ok: false, good, bad, reason: `Training needs at least ${MIN_TRAINING_RECORDS} feedback records. ${have}` };
  }
  if (good < MIN_PER_CLASS || bad < MIN_PER_CLASS) {
    return { ok: false, good, bad, reason: `Training needs at least ${MIN_PER_CLASS} good and ${MIN_PER_CLASS} bad answers. ${have}` };
  }
  const check = checkReadiness(records, reference);
  if (!check.ok) {
    const more = [check.needs.good ? plural(check.needs.good, 'good') : '', check.needs.bad ? plural(check.needs.bad, 'bad') : '']
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      good,
      bad,
      reason:
        `A new version is checked on at least ${MIN_CHECK_PER_CLASS} good and ${MIN_CHECK_PER_CLASS} bad answers it did not learn from ` +
        `(a share of your ratings, plus the app's example ratings unless you loaded them); ` +
        `there would be ${check.good} good and ${check.bad} bad. Rate ${more} first.`,
    };
  }
  return { ok: true, good, bad };
}

function collectText(tokens: readonly Token[], out: string[]): void {
  for (const t of tokens) {
    if (t.type === 'list') for (const item of t.items) collectText(item.tokens, out);
    else if ('tokens' in t && t.tokens?.length) collectText(t.tokens, out);
    else if (t.type === 'codespan' || t.type === 'text' || t.type === 'escape' || t.type === 'code') out.push(t.text);
    else if (t.type === 'link' || t.type === 'image') out.push(t.text);
    out.push(' ');
  }
}

/** An answer's words without Markdown syntax or citation markers, for a table cell. */
export function plainText(markdown: string): string {
  const out: string[] = [];
  collectText(new Lexer({ gfm: true }).lex(stripCitations(markdown)), out);
  return out
    .join('')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _)
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim();
}

const TOOL_LABELS: Record<string, string> = { search_clients: 'Client book', search_playbook: 'Playbook' };

/** Where an answer looked, in words ("Client book", "Playbook"); unknown tools keep their name. */
export function toolLabel(tool: string): string {
  return TOOL_LABELS[tool] ?? tool;
}

/** Shortens text for a table cell. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** "0.50 → 1.00" for the result line. */
export function accuracyChange(before: number, after: number): string {
  return `${before.toFixed(2)} → ${after.toFixed(2)}`;
}

/** Chart series from the per-epoch history. */
export function chartSeries(history: readonly EpochStats[]): { labels: string[]; meanReward: number[]; valAccuracy: number[] } {
  return {
    labels: history.map((h) => String(h.epoch)),
    meanReward: history.map((h) => h.mean_reward),
    valAccuracy: history.map((h) => h.val_accuracy),
  };
}

/** Training settings the page collects (see DEFAULT_PPO in core/rlhf/ppo.ts for their meaning). */
export interface TrainSettings {
  epochs: number;
  lr: number;
  seed: number;
}

/** A sentence for out-of-range training settings, or null when they are usable. */
export function checkSettings(s: TrainSettings): string | null {
  if (!Number.isInteger(s.epochs) || s.epochs < 1 || s.epochs > 50) return 'Epochs must be a whole number from 1 to 50.';
  if (!Number.isFinite(s.lr) || s.lr <= 0 || s.lr > 1e-3) return 'Learning rate must be above 0 and at most 0.001.';
  if (!Number.isInteger(s.seed)) return 'Seed must be a whole number.';
  return null;
}

/** The critic's view of one stored answer: P(pass) and the verdict it implies. */
export interface RecordVerdict {
  verdict: 'pass' | 'retry';
  score: number;
}

/** What the Feedback table's Critic column shows for one record. */
export type CriticCell =
  | { kind: 'untrained'; text: 'off' }
  | { kind: 'pending'; text: '…' }
  | { kind: 'verdict'; text: string; verdict: 'pass' | 'retry'; score: number; agrees: boolean };

/**
 * Scores every record with a trained critic exactly as reflection would (same features, same
 * embedder, one batch). Records without an id are skipped. Throws `model-unavailable` when the
 * critic was trained on another embedder's features.
 */
export async function critiqueRecords(
  model: CriticModel,
  embedder: Embedder,
  records: readonly FeedbackRecord[],
  knownClients: readonly string[] = [],
): Promise<Map<string, RecordVerdict>> {
  if (!criticFits(model, embedder)) {
    throw new AppError('model-unavailable', 'The active critic was trained with another embedder.');
  }
  const withId = records.filter((r): r is FeedbackRecord & { id: string } => typeof r.id === 'string' && r.id !== '');
  const out = new Map<string, RecordVerdict>();
  if (withId.length === 0) return out;
  const xs = await extractFeatures(withId.map(recordToInput), embedder, model.feature_spec, knownClients);
  withId.forEach((r, i) => {
    const score = calibratedScore(model, xs[i]);
    out.set(r.id, { verdict: score >= 0.5 ? 'pass' : 'retry', score });
  });
  return out;
}

/**
 * The Critic cell for a record: "off" when no trained critic is in use, "…" while its verdict is
 * being computed, else "Pass · 82%" / "Send back · 31%" (the chance it gives that the rep rates
 * the answer good) and whether it matches the rep's label.
 */
export function criticCell(record: FeedbackRecord, inUse: boolean, verdict: RecordVerdict | undefined): CriticCell {
  if (!inUse) return { kind: 'untrained', text: 'off' };
  if (!verdict) return { kind: 'pending', text: '…' };
  return {
    kind: 'verdict',
    text: `${verdict.verdict === 'pass' ? 'Pass' : 'Send back'} · ${Math.round(verdict.score * 100)}%`,
    verdict: verdict.verdict,
    score: verdict.score,
    agrees: (verdict.verdict === 'pass') === record.correctness,
  };
}
