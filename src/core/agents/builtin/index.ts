/** The built-in (model-free) CRM agent and reflection. */
export { BuiltinAgentProvider, FEEDBACK_PREFIX, readConversation, type BuiltinAgentOptions } from './provider.ts';
export { BuiltinReflector, reflectAnswer, type ReflectInput, type ReflectOutput } from './reflect.ts';
export { planToolCalls, type PlanDeps, type PlannedCall, type ToolExchange } from './plan.ts';
export { composeAnswer } from './compose.ts';
