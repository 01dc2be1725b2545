import { api, asApiError } from '../lib/api';
import { $, announce, type Child, h, replace } from '../lib/dom';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';

/**
 * Renders /api/openapi.json (OpenAPI 3.1, JSON Schema 2020-12) as a readable page: operations by
 * group with a table of contents, parameters, request body schema and responses. Plain DOM, no
 * Swagger UI. The document's own texts are English and marked so (lang="en").
 */
setupPage({ section: 'docs' });

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  additionalProperties?: boolean | Schema;
};
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, unknown>>;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<
    string,
    { description?: string; $ref?: string; content?: Record<string, { schema?: Schema }> }
  >;
}
interface OpenApi {
  openapi: string;
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    responses?: Record<
      string,
      { description?: string; content?: Record<string, { schema?: Schema }> }
    >;
    securitySchemes?: Record<
      string,
      { type?: string; scheme?: string; in?: string; name?: string; description?: string }
    >;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const GROUPS: Record<string, Bi> = {
  system: bi('Hệ thống', 'System'),
  accounts: bi('Tài khoản và đăng nhập', 'Accounts and sign-in'),
  sellers: bi('Hồ sơ và khóa API của người bán', "Seller's profile and API keys"),
  officer: bi('Cán bộ và quản trị', 'Officers and admins'),
  catalog: bi('Cửa hàng (công khai)', 'Shop (public)'),
  sellerCatalog: bi('Sản phẩm của người bán', "Seller's products"),
};
const AUTH: Record<string, Bi> = {
  session: bi('phiên đăng nhập (Bearer)', 'session (Bearer)'),
  sessionCookie: bi('cookie phiên', 'session cookie'),
  apiKey: bi('khóa API (x-api-key)', 'API key (x-api-key)'),
};

let doc: OpenApi;
const en = (text: string, tag: 'p' | 'span' = 'span') => h(tag, { lang: 'en' }, text);
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

function resolveRef(ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur as Schema | undefined;
}

function typeOf(s: Schema): string {
  if (s.$ref) return s.$ref.split('/').pop() ?? 'object';
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum && s.enum.length <= 4) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (s.type === 'array') {
    const item = s.items ? typeOf(s.items) : 'any';
    return item.includes(' ') ? `(${item})[]` : `${item}[]`;
  }
  if (Array.isArray(s.type)) return s.type.join(' | ');
  return s.type ?? (s.properties ? 'object' : 'any');
}

function constraints(s: Schema): string[] {
  const out: string[] = [];
  if (s.enum && s.enum.length > 4) out.push(`one of: ${s.enum.map((v) => String(v)).join(', ')}`);
  if (s.format) out.push(`format: ${s.format}`);
  if (s.minLength !== undefined) out.push(`minLength ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`maxLength ${s.maxLength}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`< ${s.exclusiveMaximum}`);
  if (s.minItems !== undefined) out.push(`minItems ${s.minItems}`);
  if (s.maxItems !== undefined) out.push(`maxItems ${s.maxItems}`);
  // Long patterns (control-character guards, dates) say less than the format does.
  if (s.pattern && s.pattern.length <= 40) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** Children worth listing below a schema line: object properties, array items, variants. */
function schemaChildren(s: Schema, depth: number): Child {
  if (depth > 8) return null;
  if (s.$ref) {
    const target = resolveRef(s.$ref);
    return target ? schemaChildren(target, depth + 1) : null;
  }
  if (s.properties) return propertyList(s, depth);
  if (s.type === 'array' && s.items) {
    const items = s.items.$ref ? resolveRef(s.items.$ref) : s.items;
    return items ? schemaChildren(items, depth + 1) : null;
  }
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.some((v) => v.properties || v.$ref)) {
    return h(
      'ul',
      { class: 'schema' },
      variants.map((v, i) =>
        h(
          'li',
          null,
          h('strong', null, bi(`Dạng ${i + 1}`, `Variant ${i + 1}`)),
          ': ',
          h('span', { class: 'type' }, typeOf(v)),
          schemaChildren(v, depth + 1),
        ),
      ),
    );
  }
  if (s.allOf) return s.allOf.map((part) => schemaChildren(part, depth + 1));
  return null;
}

function propertyList(s: Schema, depth: number) {
  const required = new Set(s.required ?? []);
  return h(
    'ul',
    { class: 'schema' },
    Object.entries(s.properties ?? {}).map(([name, prop]) =>
      h(
        'li',
        null,
        h('code', null, name),
        ' ',
        h('span', { class: 'type' }, typeOf(prop)),
        required.has(name) ? [' ', h('span', { class: 'req' }, bi('bắt buộc', 'required'))] : null,
        constraints(prop).length
          ? [' · ', h('span', { class: 'hint' }, constraints(prop).join(', '))]
          : null,
        prop.description ? [' — ', en(prop.description)] : null,
        schemaChildren(prop, depth + 1),
      ),
    ),
  );
}

function schemaBlock(title: Bi, schema: Schema | undefined, open = true) {
  if (!schema) return null;
  return h(
    'details',
    { open },
    h('summary', null, h('strong', null, title), ' ', h('span', { class: 'type' }, typeOf(schema))),
    schemaChildren(schema, 0) ?? h('p', null, constraints(schema).join(', ')),
  );
}

function parametersTable(params: Parameter[]) {
  if (params.length === 0) return null;
  return [
    h('h4', null, bi('Tham số', 'Parameters')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, bi('Tên', 'Name')),
            h('th', { scope: 'col' }, bi('Ở đâu', 'In')),
            h('th', { scope: 'col' }, bi('Kiểu', 'Type')),
          ),
        ),
        h(
          'tbody',
          null,
          params.map((p) =>
            h(
              'tr',
              null,
              h(
                'td',
                null,
                h('code', null, p.name),
                p.required ? [' ', h('span', { class: 'req' }, bi('bắt buộc', 'required'))] : null,
              ),
              h('td', null, p.in),
              h(
                'td',
                null,
                h('span', { class: 'type' }, p.schema ? typeOf(p.schema) : 'string'),
                p.schema && constraints(p.schema).length
                  ? h('div', { class: 'hint' }, constraints(p.schema).join(', '))
                  : null,
                p.description ? en(p.description, 'p') : null,
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

function responses(op: Operation) {
  const entries = Object.entries(op.responses ?? {});
  if (entries.length === 0) return null;
  return [
    h('h4', null, bi('Trả lời', 'Responses')),
    h(
      'ul',
      null,
      entries.map(([status, r]) => {
        const res = r.$ref ? ((resolveRef(r.$ref) as typeof r | undefined) ?? r) : r;
        const schema = res.content?.['application/json']?.schema;
        return h(
          'li',
          null,
          h('code', null, status),
          ' ',
          res.description ? en(res.description) : null,
          schema ? schemaBlock(bi('Nội dung', 'Body'), schema, false) : null,
        );
      }),
    ),
  ];
}

function operation(path: string, method: string, op: Operation) {
  const id = `op-${slug(op.operationId ?? `${method}-${path}`)}`;
  const auth = op.security ?? [];
  const body = op.requestBody?.content?.['application/json']?.schema;
  return h(
    'section',
    { class: 'op', id, 'aria-labelledby': `${id}-title` },
    h(
      'h3',
      { id: `${id}-title` },
      h('span', { class: `method ${method}` }, method.toUpperCase()),
      ' ',
      h('span', { class: 'path' }, path),
    ),
    h(
      'div',
      null,
      op.summary ? en(op.summary, 'p') : null,
      op.description ? en(op.description, 'p') : null,
      h(
        'p',
        null,
        h('strong', null, bi('Xác thực: ', 'Authentication: ')),
        auth.length === 0
          ? bi('không cần (công khai)', 'none (public)')
          : auth.flatMap((a, i) => [
              i > 0 ? bi(' hoặc ', ' or ') : null,
              ...Object.keys(a).map((k) => AUTH[k] ?? bi(k)),
            ]),
      ),
      parametersTable(op.parameters ?? []),
      body
        ? [
            h('h4', null, bi('Dữ liệu gửi lên (JSON)', 'Request body (JSON)')),
            schemaBlock(bi('Lược đồ', 'Schema'), body),
          ]
        : null,
      responses(op),
    ),
  );
}

function render() {
  if (Object.keys(doc.paths ?? {}).length === 0) {
    replace(
      $('#toc'),
      h(
        'p',
        null,
        bi(
          'Tài liệu OpenAPI chưa có thao tác nào.',
          'The OpenAPI document lists no operations yet.',
        ),
      ),
    );
    return;
  }
  const groups = new Map<string, HTMLElement[]>();
  const toc = new Map<string, HTMLElement[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const group = op.tags?.[0] ?? 'other';
      const section = operation(path, method, op);
      groups.set(group, [...(groups.get(group) ?? []), section]);
      toc.set(group, [
        ...(toc.get(group) ?? []),
        h(
          'li',
          null,
          h(
            'a',
            { href: `#${section.id}` },
            h('span', { class: `method ${method}` }, method.toUpperCase()),
            ' ',
            h('span', { class: 'path' }, path),
          ),
        ),
      ]);
    }
  }
  replace(
    $('#toc'),
    doc.info
      ? h(
          'p',
          null,
          h('strong', null, doc.info.title ?? ''),
          doc.info.version ? ` · v${doc.info.version}` : '',
          ` · OpenAPI ${doc.openapi}`,
        )
      : null,
    [...toc.entries()].map(([group, items]) =>
      h(
        'div',
        null,
        h(
          'h3',
          { class: 'toc-group' },
          h('a', { href: `#group-${slug(group)}` }, GROUPS[group] ?? bi(group)),
        ),
        h('ul', { class: 'toc' }, items),
      ),
    ),
  );
  replace(
    $('#operations'),
    [...groups.entries()].map(([group, sections]) =>
      h(
        'section',
        { 'aria-labelledby': `group-${slug(group)}` },
        h('h2', { id: `group-${slug(group)}`, tabindex: '-1' }, GROUPS[group] ?? bi(group)),
        sections,
      ),
    ),
  );
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

api<OpenApi>('/api/openapi.json')
  .then((d) => {
    doc = d;
    render();
  })
  .catch((err: unknown) => {
    announce($('#error'), asApiError(err).bi(), 'error');
    replace($('#toc'));
  });
