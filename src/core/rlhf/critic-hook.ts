/** A trained critic as the reflection hook (`Critic` in core/agents/reflection.ts). */
import type { Critic, ReflectionInput } from '../agents/reflection.ts';
import type { Embedder } from '../playbook/types.ts';
import { critiqueAnswer, type CriticModel } from './critic.ts';

/** Whether a critic's features can be computed with this embedder (same id and size). */
export function criticFits(model: CriticModel, embedder: Pick<Embedder, 'id' | 'dims'>): boolean {
  return model.embedder_id === embedder.id && model.feature_spec.embedder_dims === embedder.dims;
}

/**
 * Wraps a trained critic for reflection: scores are calibrated when the version carries a
 * calibration. Returns null when the critic was trained on another embedder's features.
 */
export function criticHook(model: CriticModel, embedder: Embedder, knownClients: readonly string[] = []): Critic | null {
  if (!criticFits(model, embedder)) return null;
  return {
    async score(input: ReflectionInput) {
      const r = await critiqueAnswer(
        model,
        embedder,
        { question: input.question, answer: input.answer, tools: input.toolCalls.map((c) => c.name), results: input.toolResults.map((t) => t.content) },
        knownClients,
      );
      return { score: r.critic_score, calibrated: r.calibrated, ...(model.version ? { version: model.version } : {}) };
    },
  };
}
