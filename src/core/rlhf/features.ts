/**
 * Features of one (question, answer, tools used, tool results) example for the reflection
 * critic: hand-made cues in [0, 1] plus the question and answer embeddings projected to a small
 * fixed size with a seeded Gaussian matrix, so the policy stays tiny. Deterministic.
 */
import { AppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK } from '../tools/types.ts';
import { gaussian, mulberry32 } from '../prng.ts';
import { clientNamesInResults, groundedNumberFraction, mentionedNames, neededTools, notFoundCues } from './text-cues.ts';

/** Bump when the hand features change: critics trained on another version are not reusable. */
export const FEATURE_VERSION = 1;

export const HAND_FEATURES = [
  'used_clients',
  'used_playbook',
  'needs_clients',
  'needs_playbook',
  'missing_clients',
  'missing_playbook',
  'no_tools',
  'numbers_grounded',
  'has_ungrounded_number',
  'other_client_named',
  'not_found_context',
  'not_found_acknowledged',
  'not_found_mishandled',
  'missing_any_tool',
  'any_red_flag',
  'answer_length',
  'cos_question_answer',
  'cos_answer_context',
] as const;

/** Everything needed to recompute the same feature vector later (stored inside the critic). */
export interface FeatureSpec {
  version: number;
  embedder_id: string;
  embedder_dims: number;
  /** Output size of each projection (question and answer get one each). */
  proj_dim: number;
  proj_seed: number;
  names: string[];
}

/** What the critic looks at: one answer of the co-pilot with its tool trail. */
export interface CriticInput {
  question: string;
  answer: string;
  tools: readonly string[];
  /** Tool result texts (AnswerRecord.contexts / FeedbackRecord.tool_results). */
  results: readonly string[];
}

/** Builds the feature spec for an embedder. */
export function featureSpec(embedder: Pick<Embedder, 'id' | 'dims'>, projDim = 8, projSeed = 1234): FeatureSpec {
  const names: string[] = [...HAND_FEATURES];
  for (const side of ['q', 'a']) for (let i = 0; i < projDim; i++) names.push(`${side}_proj_${i}`);
  return { version: FEATURE_VERSION, embedder_id: embedder.id, embedder_dims: embedder.dims, proj_dim: projDim, proj_seed: projSeed, names };
}

/** Projected coordinates are damped so the hand cues, not embedding noise, dominate early learning. */
export const PROJ_SCALE = 0.1;

const projections = new Map<string, Float64Array>();

/** The seeded projection matrix (proj_dim × embedder_dims), cached per spec. */
function projectionMatrix(spec: FeatureSpec): Float64Array {
  const key = `${spec.proj_seed}:${spec.proj_dim}:${spec.embedder_dims}`;
  let m = projections.get(key);
  if (!m) {
    const rand = mulberry32(spec.proj_seed);
    m = new Float64Array(spec.proj_dim * spec.embedder_dims);
    // Unit input vectors project to coordinates of roughly unit variance.
    for (let i = 0; i < m.length; i++) m[i] = gaussian(rand);
    projections.set(key, m);
  }
  return m;
}

function project(spec: FeatureSpec, v: Float32Array): number[] {
  const m = projectionMatrix(spec);
  const out: number[] = [];
  for (let r = 0; r < spec.proj_dim; r++) {
    let s = 0;
    for (let c = 0; c < spec.embedder_dims; c++) s += m[r * spec.embedder_dims + c] * (v[c] ?? 0);
    out.push(s * PROJ_SCALE);
  }
  return out;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The hand-made cues, without embeddings (exported for tests and explanations). */
export function handFeatures(input: CriticInput, knownClients: readonly string[] = []): Record<(typeof HAND_FEATURES)[number], number> {
  const names = [...new Set([...knownClients, ...clientNamesInResults(input.results)])];
  const needs = neededTools(input.question, names);
  const usedClients = input.tools.includes(TOOL_SEARCH_CLIENTS);
  const usedPlaybook = input.tools.includes(TOOL_SEARCH_PLAYBOOK);
  const grounding = groundedNumberFraction(input.answer, [input.question, ...input.results]);
  const inQuestion = mentionedNames(input.question, names);
  // A listing question ("which clients…") names no client; only flag answers about someone else.
  const otherClient = inQuestion.length > 0 && mentionedNames(input.answer, names).some((n) => !inQuestion.includes(n));
  const notFound = notFoundCues(input.answer, input.results);
  const missingAny = (needs.clients && !usedClients) || (needs.playbook && !usedPlaybook);
  const flags = +missingAny + +(grounding.ungrounded > 0) + +otherClient + +(notFound.context && !notFound.acknowledged);
  const words = input.answer.trim().split(/\s+/).filter(Boolean).length;
  return {
    used_clients: +usedClients,
    used_playbook: +usedPlaybook,
    needs_clients: +needs.clients,
    needs_playbook: +needs.playbook,
    missing_clients: +(needs.clients && !usedClients),
    missing_playbook: +(needs.playbook && !usedPlaybook),
    no_tools: +(input.tools.length === 0),
    numbers_grounded: grounding.fraction,
    has_ungrounded_number: +(grounding.ungrounded > 0),
    other_client_named: +otherClient,
    not_found_context: +notFound.context,
    not_found_acknowledged: +notFound.acknowledged,
    not_found_mishandled: +(notFound.context && !notFound.acknowledged),
    missing_any_tool: +missingAny,
    any_red_flag: +(flags > 0),
    answer_length: Math.min(1, words / 120),
    cos_question_answer: 0,
    cos_answer_context: 0,
  };
}

/** Computes feature vectors for many inputs with one batched embedding call. */
export async function extractFeatures(
  inputs: readonly CriticInput[],
  embedder: Embedder,
  spec: FeatureSpec,
  knownClients: readonly string[] = [],
): Promise<number[][]> {
  if (embedder.id !== spec.embedder_id || embedder.dims !== spec.embedder_dims) {
    throw new AppError('model-unavailable', `The critic was trained with embedder "${spec.embedder_id}", not "${embedder.id}": retrain it.`);
  }
  const texts: string[] = [];
  for (const x of inputs) texts.push(x.question, x.answer, ...x.results);
  const vectors = texts.length ? await embedder.embed(texts) : [];
  let at = 0;
  return inputs.map((x) => {
    const q = vectors[at++];
    const a = vectors[at++];
    const ctx = x.results.map(() => vectors[at++]);
    const hand = handFeatures(x, knownClients);
    hand.cos_question_answer = cosine(q, a);
    hand.cos_answer_context = ctx.length ? Math.max(...ctx.map((c) => cosine(a, c))) : 0;
    return [...HAND_FEATURES.map((k) => hand[k]), ...project(spec, q), ...project(spec, a)];
  });
}
