/**
 * The one door from google.script.run into the server: parses the payload with the function's zod
 * schema, runs the handler, and makes sure the result is JSON. Errors reach the sidebar's failure
 * handler as a plain message: the user's own mistake as written, anything else as a short notice
 * (the details go to the execution log, never a stack trace to the user).
 */
import { apiInputs, type ApiName, type ApiParsedInput, type ApiResults } from '../core/api';
import { isUserError } from '../core/errors';
import { jsonProblem, type Json } from '../core/json';

export type ApiHandlers = { [K in ApiName]: (input: ApiParsedInput<K>) => ApiResults[K] };

export function dispatch<K extends ApiName>(handlers: ApiHandlers, name: K, payload: unknown): Json {
  const schema = apiInputs[name];
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
    throw new Error(`Mapspec could not read the request to ${name}${where}: ${issue?.message ?? 'invalid payload'}.`);
  }
  let result: ApiResults[K];
  try {
    result = (handlers[name] as (input: ApiParsedInput<K>) => ApiResults[K])(parsed.data as ApiParsedInput<K>);
  } catch (e) {
    if (isUserError(e)) throw new Error(e.message);
    console.error(`Mapspec ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    const message = e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
    throw new Error(`Mapspec hit a problem while running ${name}: ${message}`);
  }
  const problem = jsonProblem(result, 'the result');
  if (problem) throw new Error(`Mapspec ${name} returned a value the sidebar cannot receive: ${problem}.`);
  return result as Json;
}
