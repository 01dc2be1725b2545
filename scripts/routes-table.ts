import { jobs, routes, streamConsumers } from '../infra/routes';

/** The README's route table, from the manifest (`npx tsx scripts/routes-table.ts`). */
export function routesTable(): string {
  const who = (auth: (typeof routes)[number]['auth']) =>
    auth === 'public' ? 'anyone' : `${auth.roles.join(', ')}${auth.apiKey ? ' (API key too)' : ''}`;
  const rows = routes.map(
    (r) =>
      `| ${r.method} | \`${r.path}\` | ${r.group} | ${who(r.auth)} | ${
        Object.entries(r.tables)
          .map(([t, a]) => `${t}: ${a}`)
          .join(', ') || '—'
      } | ${r.summary} |`,
  );
  return [
    '| method | path | function | who | tables | what |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...streamConsumers.map(
      (s) =>
        `Stream consumer \`${s.id}\` (\`${s.handler}\`): batch ${s.batchSize}, bisect on error, ${s.retryAttempts} retries, failures to SQS (locally DATA_DIR/stream-failures).`,
    ),
    ...jobs.map(
      (j) => `Job \`${j.id}\` (\`${j.handler}\`) every ${j.everyMinutes} min: ${j.summary}`,
    ),
  ].join('\n');
}

if (process.argv[1]?.endsWith('routes-table.ts')) console.log(routesTable());
