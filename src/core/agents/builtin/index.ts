/** The built-in (model-free) CRM agent and reviewer. */
export { BuiltinAgentProvider, type BuiltinAgentOptions } from './provider.ts';
export { BuiltinReflector, reflectAnswer } from './reflect.ts';
export { composeTurn, planTurn } from './answer.ts';
export { findingText, reviewAnswer, retryCalls } from './review.ts';
