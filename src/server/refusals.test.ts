/**
 * Bodies the route engine refuses before a handler runs — JSON sent under another
 * Content-Type (as `curl -d` does), JSON that does not parse, no body at all — are answered as
 * the caller's mistake in the one error shape, never as a 500, and the OpenAPI document says
 * so. On the real app with every module.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterWorkspaceYaml } from '../model/starter.js';
import { refusalOf } from './errors.js';
import { serverModules } from './modules.js';
import { testApp, type TTestApp } from './test-kit.js';

let dir: string;
let t: TTestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-refusals-'));
  await writeFile(join(dir, 'journeylens.yaml'), starterWorkspaceYaml());
  t = await testApp(serverModules(), { workspaceDir: dir });
});

afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

type TErrorBody = { error: { code: string; message: string } };

const post = async (path: string, init: RequestInit) => {
  const res = await t.call('admin', path, { method: 'POST', ...init });
  return { status: res.status, body: (await res.json()) as TErrorBody };
};

const errorsLogged = () => t.log.lines.filter((l) => l.level === 'error').length;

describe('a body the route engine refuses', () => {
  it('answers JSON sent as another type with 415, saying what to send and what came', async () => {
    const before = errorsLogged();
    const { status, body } = await post('/api/actions', {
      body: '{"title":"x"}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status).toBe(415);
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message).toContain('Content-Type: application/json');
    expect(body.error.message).toContain('application/x-www-form-urlencoded');
    expect(errorsLogged()).toBe(before);
  });

  it('answers JSON that does not parse with 400 naming the body', async () => {
    const { status, body } = await post('/api/alert-rules', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid', message: 'body: not valid JSON' });
  });

  it.each(['/api/actions', '/api/alert-rules', '/api/webhooks', '/api/auth/login'])(
    'checks a missing body of %s like an empty one: 400 naming the fields',
    async (path) => {
      const { status, body } = await post(path, {});
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid');
    },
  );

  it('documents the 415 and the required body of every route that reads JSON', async () => {
    type TOperation = { requestBody?: { required?: boolean }; responses: Record<string, unknown> };
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, TOperation>>;
    };
    const reading = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .filter((op) => op.requestBody !== undefined && '415' in op.responses);
    expect(reading.length).toBeGreaterThan(20);
    const create = doc.paths['/api/actions']?.post;
    expect(create?.requestBody?.required).toBe(true);
    expect(Object.keys(create?.responses ?? {})).toContain('415');
  });
});

describe('refusalOf', () => {
  it('passes another refusal through with its status in the code', () => {
    expect(refusalOf({ status: 405, message: 'Method Not Allowed' }, undefined)).toEqual({
      code: 'http_405',
      message: 'Method Not Allowed',
    });
    expect(refusalOf({ status: 415, message: '' }, undefined).message).toContain(
      'without a Content-Type',
    );
  });
});
