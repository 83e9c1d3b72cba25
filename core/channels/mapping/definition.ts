/**
 * A field-mapping definition as an operator submits it: checked against the channel's spec, so an
 * unknown field or source is refused with a ValidationError that names it (nothing is stored).
 */
import { type FieldSources, MAPPABLE_FIELDS, type MappableField } from '../../contract/mapping.js';
import type { Channel } from '../../contract/orders.js';
import { fail } from '../../kernel/errors.js';
import type { ChannelMappingSpec } from './spec.js';

const isMappable = (key: string): key is MappableField => (MAPPABLE_FIELDS as readonly string[]).includes(key);

/** Every problem of `fields` against `spec`, as `[path, message]`; none = valid. */
export function definitionProblems(channel: Channel, spec: ChannelMappingSpec, fields: unknown): Array<[string, string]> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return [['fields', 'a mapping definition is an object of field → source list']];
  const problems: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(fields)) {
    const path = `fields.${key}`;
    const target = isMappable(key) ? spec[key] : undefined;
    if (!target) {
      problems.push([path, `"${key}" is not a mappable field of ${channel}`]);
      continue;
    }
    if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
      problems.push([path, `the sources of ${key} must be a list of names`]);
      continue;
    }
    if (value.length === 0 && !target.optional) problems.push([path, `${key} needs at least one source`]);
    const known = target.sources.map((s) => s.name);
    for (const name of value as string[]) {
      if (!known.includes(name)) problems.push([path, `unknown source "${name}" for ${key} on ${channel} (known: ${known.join(', ')})`]);
    }
    if (new Set(value).size !== value.length) problems.push([path, `${key} names a source twice`]);
  }
  return problems;
}

/** The definition, or a ValidationError naming every unknown field and source. */
export function validateDefinition(channel: Channel, spec: ChannelMappingSpec, fields: unknown): FieldSources {
  const problems = definitionProblems(channel, spec, fields);
  if (problems.length > 0) throw fail.validation(`Field mapping for ${channel}: ${problems.map(([, m]) => m).join('; ')}`, Object.fromEntries(problems));
  const out: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(fields as Record<string, string[]>)) out[key] = [...value];
  return out as FieldSources;
}
