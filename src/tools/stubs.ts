/**
 * Generates the top-level functions of build/Code.js from the registry. Apps Script calls only
 * top-level function declarations by name (triggers, menu items, google.script.run), so each
 * registry entry gets one that forwards to the bundle's `Mapspec` global, its parameters kept.
 */

export type RegistryEntry = { params: readonly string[]; doc: string };
export type RegistryShape = {
  triggers: Record<string, RegistryEntry>;
  menu: Record<string, RegistryEntry>;
  api: Record<string, RegistryEntry>;
};

export const BUNDLE_GLOBAL = 'Mapspec';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function generateStubs(registry: RegistryShape): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const group of ['triggers', 'menu', 'api'] as const) {
    for (const [name, entry] of Object.entries(registry[group])) {
      if (!IDENTIFIER.test(name)) throw new Error(`registry ${group}.${name}: not a valid function name`);
      if (seen.has(name)) throw new Error(`registry: "${name}" is registered twice; Apps Script would keep only one`);
      for (const p of entry.params) if (!IDENTIFIER.test(p)) throw new Error(`registry ${group}.${name}: bad parameter "${p}"`);
      seen.add(name);
      const params = entry.params.join(', ');
      const doc = entry.doc.split('\n').map((line) => ` * ${line}`.trimEnd()).join('\n');
      out.push(`/**\n${doc}\n */\nfunction ${name}(${params}) {\n  return ${BUNDLE_GLOBAL}.${group}.${name}.run(${params});\n}\n`);
    }
  }
  return out.join('\n');
}
