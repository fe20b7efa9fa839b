/**
 * Alerts over HTTP: rules (the CX team writes them, everyone reads them), the alerts inbox
 * (every signed-in person and `read` tokens; acknowledging is for the CX team and for members
 * of the teams an alert is about), evaluating a rule on demand, and `GET /api/alerts/stream`,
 * the server-sent events of alerts for the web app. The module starts the alert scheduler
 * (src/service/alerts/alert-service.ts) with the server, tells it about ingest, and stops it
 * before the store closes. Webhooks go through the trigger module's delivery queue.
 */
import { streamSSE } from 'hono/streaming';
import { audit } from '../../service/auth/accounts.js';
import { describePrincipal } from '../../service/auth/roles.js';
import {
  AlertRuleError,
  createRule,
  deleteRule,
  updateRule,
} from '../../service/alerts/alert-rules.js';
import { AlertService, type TAlertOptions } from '../../service/alerts/alert-service.js';
import { evaluationWindows } from '../../service/alerts/alert-decision.js';
import { ruleView } from '../../service/alerts/alert-evaluator.js';
import {
  acknowledgeRow,
  countUnacknowledged,
  getAlert,
  getRule,
  listAlerts,
  listEvaluations,
  listRules,
} from '../../service/alerts/alert-store.js';
import { workspaceRules, type TWorkspaceLoader } from '../../service/triggers/workspace-rules.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { Context } from 'hono';
import type { TServerContext } from '../context.js';
import { fail } from '../errors.js';
import {
  acknowledgeRoute,
  alertStreamRoute,
  createRuleRoute,
  deleteRuleRoute,
  evaluateRoute,
  evaluationsRoute,
  getAlertRoute,
  getRuleRoute,
  listAlertsRoute,
  listRulesRoute,
  updateRuleRoute,
} from './alert-route-schemas.js';
import { wakeDeliveries } from './trigger-routes.js';
import { SseQueue } from '../sse-queue.js';

export type TAlertRouteOptions = TAlertOptions & {
  /** A comment line on idle event streams this often (15 s). */
  keepAliveMs?: number;
  /** Where the workspace comes from; default: the folder's journeylens.yaml. */
  workspace?: (ctx: TServerContext) => TWorkspaceLoader;
  /** Hands over the service (tests wait on it). */
  onService?: (service: AlertService) => void;
};

/** A rule's metric is checked against the workspace: without a valid one, 409. */
const noWorkspace = (c: Context) =>
  fail(c, 409, 'no_workspace', 'there is no valid journeylens.yaml to check the metric with');

const invalid = (e: AlertRuleError) =>
  [
    'invalid',
    e.message,
    [{ path: e.field, message: e.message.slice(e.field.length + 2) }],
  ] as const;

export function alertModule(options: TAlertRouteOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    const loader = options.workspace?.(ctx) ?? workspaceRules(ctx.workspaceDir, ctx.log);
    const alerts = new AlertService(ctx.store, loader, ctx.log, () => wakeDeliveries(ctx), options);
    options.onService?.(alerts);
    const keepAliveMs = options.keepAliveMs ?? 15_000;
    let unsubscribe: (() => void) | undefined;
    services.onStart(async () => {
      await alerts.start();
      unsubscribe = ctx.ingested.subscribe(() => alerts.dataChanged());
    });
    services.onClosing(() => alerts.closing());
    services.onStop(async () => {
      unsubscribe?.();
      await alerts.stop();
    });
    const who = (p: Parameters<typeof principalOf>[0]) => describePrincipal(principalOf(p));

    app.openapi(listRulesRoute, async (c) => {
      const workspace = await loader();
      const rules = (await listRules(c.var.ctx.store)).map((r) => ruleView(r, workspace));
      return c.json({ rules }, 200);
    });

    app.openapi(createRuleRoute, async (c) => {
      const workspace = await loader();
      if (workspace === undefined) {
        return noWorkspace(c);
      }
      try {
        const rule = await createRule(
          c.var.ctx.store,
          workspace,
          c.req.valid('json'),
          who(c.var.principal),
          alerts.now(),
        );
        await audit(c.var.ctx.store, {
          actor: who(c.var.principal),
          action: 'alert-rule.create',
          target: rule.id,
          detail: { name: rule.name, metric: rule.metric, condition: rule.condition },
        });
        return c.json(ruleView(rule, workspace), 201);
      } catch (e) {
        if (e instanceof AlertRuleError) return fail(c, 400, ...invalid(e));
        throw e;
      }
    });

    app.openapi(getRuleRoute, async (c) => {
      const { id } = c.req.valid('param');
      const rule = await getRule(c.var.ctx.store, id);
      if (rule === undefined) return fail(c, 404, 'not_found', `no alert rule ${id}`);
      return c.json(ruleView(rule, await loader()), 200);
    });

    app.openapi(updateRuleRoute, async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      const workspace = await loader();
      if (workspace === undefined) {
        return noWorkspace(c);
      }
      try {
        const changed = await updateRule(
          c.var.ctx.store,
          workspace,
          id,
          change,
          alerts.now(),
          alerts.appUrl,
        );
        if (changed === undefined) return fail(c, 404, 'not_found', `no alert rule ${id}`);
        if (changed.closed !== null) {
          alerts.published({ type: 'alert.resolved', alert: changed.closed }, changed.queued);
        }
        await audit(c.var.ctx.store, {
          actor: who(c.var.principal),
          action: 'alert-rule.update',
          target: id,
          detail: change,
        });
        return c.json(ruleView(changed.rule, workspace), 200);
      } catch (e) {
        if (e instanceof AlertRuleError) return fail(c, 400, ...invalid(e));
        throw e;
      }
    });

    app.openapi(deleteRuleRoute, async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await deleteRule(c.var.ctx.store, id, alerts.now(), alerts.appUrl);
      if (deleted === undefined) return fail(c, 404, 'not_found', `no alert rule ${id}`);
      if (deleted.closed !== null) {
        alerts.published({ type: 'alert.resolved', alert: deleted.closed }, deleted.queued);
      }
      await audit(c.var.ctx.store, {
        actor: who(c.var.principal),
        action: 'alert-rule.delete',
        target: id,
      });
      return c.body(null, 204);
    });

    app.openapi(evaluationsRoute, async (c) => {
      const { id } = c.req.valid('param');
      if ((await getRule(c.var.ctx.store, id)) === undefined) {
        return fail(c, 404, 'not_found', `no alert rule ${id}`);
      }
      const evaluations = await listEvaluations(c.var.ctx.store, id, c.req.valid('query').limit);
      return c.json({ evaluations }, 200);
    });

    app.openapi(evaluateRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { dryRun, at } = c.req.valid('json');
      if (dryRun === true) {
        const p = await alerts.preview(id, at === undefined ? alerts.now() : Date.parse(at));
        if (p === undefined) return fail(c, 404, 'not_found', `no alert rule ${id}`);
        if (p === 'no_workspace')
          return fail(c, 409, 'no_workspace', 'there is no valid journeylens.yaml');
        const { decision: d } = p;
        return c.json(
          {
            recorded: false,
            at: p.at,
            window: p.window,
            baselineWindow: p.baselineWindow,
            current: p.current,
            baseline: p.baseline,
            limit: d.limit,
            outcome: d.outcome,
            transition: d.transition,
            reason: d.reason,
            alert: null,
          },
          200,
        );
      }
      const o = await alerts.evaluateOne(id);
      if (o === undefined) return fail(c, 404, 'not_found', `no alert rule ${id}`);
      if (o === 'disabled') {
        return fail(
          c,
          409,
          'disabled',
          `alert rule ${id} is disabled: enable it, or evaluate it with dryRun: true`,
        );
      }
      const e = o.evaluation;
      const rule = await getRule(c.var.ctx.store, id);
      const windows =
        rule === undefined
          ? undefined
          : evaluationWindows(rule.period, rule.condition, Date.parse(e.evaluatedAt));
      const baselineWindow =
        windows?.baseline == null
          ? null
          : {
              from: new Date(windows.baseline.fromMs).toISOString(),
              to: new Date(windows.baseline.toMs).toISOString(),
            };
      return c.json(
        {
          recorded: true,
          at: e.evaluatedAt,
          window: { from: e.from, to: e.to },
          baselineWindow,
          current: e.current,
          baseline: e.baseline,
          limit: e.limit,
          outcome: e.outcome,
          transition: e.transition,
          reason: e.reason,
          alert: o.alert,
        },
        200,
      );
    });

    app.openapi(listAlertsRoute, async (c) => {
      const { status, team, rule, limit } = c.req.valid('query');
      const filter = { inApp: true, team, ruleId: rule };
      const store = c.var.ctx.store;
      return c.json(
        {
          alerts: await listAlerts(store, { ...filter, status, limit }),
          unacknowledged: await countUnacknowledged(store, filter),
        },
        200,
      );
    });

    app.openapi(alertStreamRoute, (c) => {
      const response = streamSSE(c, async (stream) => {
        const queue = new SseQueue(1000);
        const stop = alerts.stream.subscribe({
          item(e) {
            queue.push({ event: 'alert', data: JSON.stringify(e) });
          },
          close() {
            queue.close();
          },
        });
        try {
          await stream.write(`retry: 3000\n: connected\n\n`);
          await queue.pump(stream, keepAliveMs);
        } finally {
          stop();
        }
      });
      response.headers.set('Connection', 'close');
      return response;
    });

    app.openapi(getAlertRoute, async (c) => {
      const { id } = c.req.valid('param');
      const alert = await getAlert(c.var.ctx.store, id);
      if (alert === undefined) return fail(c, 404, 'not_found', `no alert ${id}`);
      return c.json(alert, 200);
    });

    app.openapi(acknowledgeRoute, async (c) => {
      const { id } = c.req.valid('param');
      const store = c.var.ctx.store;
      const principal = principalOf(c.var.principal);
      const alert = await getAlert(store, id);
      if (alert === undefined) return fail(c, 404, 'not_found', `no alert ${id}`);
      if (principal.kind === 'user' && principal.role === 'team') {
        if (principal.team === null || !alert.teams.includes(principal.team)) {
          return fail(
            c,
            403,
            'forbidden',
            `alert ${id} is about ${alert.teams.length === 0 ? 'no team' : `team ${alert.teams.join(', ')}`}; team members acknowledge their own team's alerts`,
          );
        }
      }
      await acknowledgeRow(store, id, who(principal), alerts.now());
      const acknowledged = await getAlert(store, id);
      if (acknowledged === undefined) return fail(c, 404, 'not_found', `no alert ${id}`);
      alerts.published({ type: 'alert.acknowledged', alert: acknowledged });
      return c.json(acknowledged, 200);
    });
  };
}

/** The module as the server registers it. */
export const alertRoutes: TRouteModule = alertModule();
