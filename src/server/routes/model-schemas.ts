/**
 * The workspace model's schemas (src/model/workspace-schema.ts) as JSON Schema components of
 * the OpenAPI document, so its readers see the real model — the same zod schemas that
 * validate `journeylens.yaml`. The API validates bodies with the model's own validation (its
 * errors name the path, as `journeylens validate` does), not with these.
 */
import { z } from 'zod';
import {
  ZContactReason,
  ZRoutingRule,
  ZTouchpoint,
  ZWorkspace,
} from '../../model/workspace-schema.js';
import type { TApp } from '../context.js';

type TJson = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schema of `schema` with its local `$defs` moved into the document's components. */
function component(app: TApp, name: string, schema: z.core.$ZodType): void {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as TJson;
  const { $schema: _, $defs, ...body } = json;
  const rename = (def: string) => `${name}_${def.replace(/^_+/, '')}`;
  const relink = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, def: string) =>
        JSON.stringify(ref(rename(def)).$ref),
      ),
    );
  for (const [def, s] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
    app.openAPIRegistry.registerComponent('schemas', rename(def), relink(s) as TJson);
  }
  app.openAPIRegistry.registerComponent('schemas', name, relink(body) as TJson);
}

/** References to the model's schemas, for route declarations. */
export const MODEL_SCHEMAS = {
  workspace: ref('Workspace'),
  touchpoint: ref('Touchpoint'),
  contactReason: ref('ContactReason'),
  routingRule: ref('RoutingRule'),
} as const;

/** Registers the model's schemas as components of the app's OpenAPI document. */
export function registerModelSchemas(app: TApp): void {
  component(app, 'Workspace', ZWorkspace);
  component(app, 'Touchpoint', ZTouchpoint);
  component(app, 'ContactReason', ZContactReason);
  component(app, 'RoutingRule', ZRoutingRule);
}
