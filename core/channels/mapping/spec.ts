/**
 * The shape every connector declares for field mapping: per mappable unified field, the platform
 * fields that may feed it (each with its reader) and the default order. The connectors' normalisers
 * read through these same readers, so what the mapping editor offers is what ingestion does.
 */
import type { FieldSources, MappableField } from '../../contract/mapping.js';

export type JsonObject = Record<string, unknown>;

export interface SourceSpec {
  /** The name a definition stores. */
  name: string;
  /** JSON keys read (for highlighting the sample). */
  keys: readonly string[];
  /** The platform's meaning, with the protocols.md section. */
  note: string;
  /** The value as text, '' when absent or unusable. */
  read(from: JsonObject): string;
}

export interface TargetSpec {
  scope: 'order' | 'line';
  /** Where the scope object sits in the payload, for people (`orders.order[]`). */
  path: string;
  /** An empty source list is allowed: the unified field stays empty. */
  optional: boolean;
  sources: readonly SourceSpec[];
  /** Today's behaviour: the order tried when nothing is configured. */
  defaults: readonly string[];
}

export type ChannelMappingSpec = { readonly [F in MappableField]?: TargetSpec };

/**
 * The sources to try for `field`: the configured list, else the legacy single SKU field put in
 * front of the defaults (the old `settings.skuField`), else the defaults.
 */
export function sourcesFor(spec: ChannelMappingSpec, field: MappableField, mapping: FieldSources | undefined, legacySkuField?: string): readonly string[] {
  const configured = mapping?.[field];
  if (configured) return configured;
  const defaults = spec[field]?.defaults ?? [];
  if (field === 'line.platformSku' && legacySkuField) return [legacySkuField, ...defaults.filter((s) => s !== legacySkuField)];
  return defaults;
}

/**
 * The first source of `field` whose value passes `accept` (non-empty by default). Unknown names
 * were refused when the definition was saved (definition.ts) and are skipped here.
 */
export function firstValue(spec: ChannelMappingSpec, field: MappableField, sources: readonly string[], from: JsonObject, accept: (v: string) => boolean = (v) => v !== ''): string {
  const target = spec[field];
  if (!target) return '';
  for (const name of sources) {
    const source = target.sources.find((s) => s.name === name);
    if (!source) continue;
    const value = source.read(from);
    if (accept(value)) return value;
  }
  return '';
}

/** "a, b or c", for messages naming the sources that were tried. */
export function orList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '(no source configured)') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
