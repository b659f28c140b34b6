import pc from 'picocolors';
import { knownProtocols } from '../../models/index.ts';
import type { JsonObject } from '../../models/kernel/json.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';
import { defaultParameters } from '../params/override.ts';
import { modelErrorProperty } from '../../models/kernel/model-error.ts';

/** What `groupcheck list --json` prints for each protocol. */
export interface ProtocolListing {
  /** Protocol name. */
  readonly name: string;
  /** One-line title. */
  readonly title: string;
  /** Node-count bounds and default; `param`: the parameter `--nodes` sets; `counts`: what it counts. */
  readonly nodes: Protocol['nodes'];
  /**
   * The parameters `--param` sets, with their values in the bounded configuration at the default
   * node count.
   */
  readonly parameters: JsonObject;
  /** Variants: correct ones, and mutants with the property each breaks. */
  readonly variants: readonly {
    name: string;
    kind: 'correct' | 'mutant';
    breaks: string | null;
    description: string;
  }[];
  /** Properties promised. */
  readonly properties: readonly { name: string; kind: string; statement: string }[];
}

/** The listing of every protocol. */
export function listing(): ProtocolListing[] {
  return knownProtocols().map((p) => ({
    name: p.name,
    title: p.title,
    nodes: p.nodes,
    parameters: defaultParameters(p),
    variants: p.variants.map((v) => ({
      name: v.name,
      kind: v.breaks === undefined ? 'correct' : 'mutant',
      breaks: v.breaks ?? null,
      description: v.description,
    })),
    properties: p.properties.map((q) => ({ name: q.name, kind: q.kind, statement: q.statement })),
  }));
}

/** `groupcheck list`: protocols, variants and properties, as text or JSON. */
export function listCommand(json: boolean, out: (line: string) => void): number {
  const all = listing();
  // Checked with every protocol's own properties (model-error.ts), declared by none.
  const builtIn = [modelErrorProperty].map((q) => ({
    name: q.name,
    kind: q.kind,
    statement: q.statement,
  }));
  if (json) {
    out(JSON.stringify({ protocols: all, builtInProperties: builtIn }, null, 2));
    return 0;
  }
  for (const p of all) {
    out(`${pc.bold(p.name)}  ${p.title}  (${p.nodes.min}-${p.nodes.max} nodes)`);
    const { min, max, counts, param } = p.nodes;
    const sets = param === undefined ? '' : `, or --param ${param}=N`;
    out(
      `  nodes: ${counts ?? 'nodes'}, ${min} to ${max}, default ${p.nodes.default} (--nodes N${sets})`,
    );
    out(`  parameters (--param key=value; the defaults at ${p.nodes.default} nodes):`);
    for (const [k, v] of Object.entries(p.parameters))
      out(`    ${k.padEnd(24)} ${JSON.stringify(v)}`);
    out('  variants:');
    for (const v of p.variants) {
      const tag = v.kind === 'correct' ? pc.green('correct') : pc.red(`mutant, breaks ${v.breaks}`);
      out(`    ${v.name.padEnd(24)} ${tag}: ${v.description}`);
    }
    out('  properties:');
    for (const q of p.properties) out(propertyLine(q));
  }
  out(pc.bold('every protocol also checks'));
  for (const q of builtIn) out(propertyLine(q));
  return 0;
}

/** A property's line in the text listing. */
function propertyLine(q: { name: string; kind: string; statement: string }): string {
  return `    ${q.name.padEnd(24)} ${pc.dim(q.kind)}: ${q.statement}`;
}
