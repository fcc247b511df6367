import { parseArgs } from 'node:util';
import { areaLevel, homeKabCodeOf, isWithinArea, kabCodeOf, normalizeAreaCode, ROLES, t, TOKEN_SCOPES, type Role, type TokenScope } from '@slrt/core';
import { ConfigError, CONFIG_DOC, loadConfig, type Config } from '../config.ts';
import { DatabaseBusyError } from '../db/pglite.ts';
import { prepareDatabase, startServer } from '../server.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { anchorChainHeads, lastAnchor } from '../audit/anchor.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { createUserDirect, listAccountsForCli } from '../users/service.ts';
import { hashPassword } from '../auth/password.ts';
import { accountOf, replacePassword } from '../auth/service.ts';
import { createApiTokenDirect, revokeApiTokenDirect } from '../tokens/service.ts';
import { AppError } from '../http/errors.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../demo/seed.ts';
import type { Deps } from '../http/context.ts';
import type { Db } from '../db/database.ts';
import { registryCommand, seedSyntheticCommand } from '../registry/cli.ts';

type Command = (args: string[], config: Config) => Promise<number>;

const cliAudit = (config: Config) => ({
  kabCode: kabCodeOf(config.kabupatenCode), actorId: null, actorName: `cli:${process.env.USER ?? 'operator'}`,
  actorRoles: 'operator', clientAddr: 'cli', requestId: null,
});

/** Runs `fn` with the database open, and closes it whatever happens. */
async function withDb<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const db: Db = await prepareDatabase(config);
  try {
    return await fn({ db, replica: db, auditLog: new AuditLog(db, config.auditKey), config });
  } finally {
    await db.close();
  }
}

/** The command table; a domain adds its commands here. */
export const COMMANDS: Record<string, { help: string; run: Command }> = {
  serve: {
    help: 'serve [--demo]            start the API and the web app',
    async run(args) {
      const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
      const config = loadConfig(process.env, { demo: Boolean(values.demo), serve: true });
      const server = await startServer(config);
      console.log(`SLRT is listening on ${server.url} (${server.deps.db.kind}${config.demo ? ', demo' : ''}); public address ${config.publicUrl}`);
      if (config.demo) {
        console.log('DEMO MODE: demo users and data, a public development secret and no HTTPS. Never put real residents\' data here; a production start is `slrt serve` with SESSION_SECRET and PUBLIC_URL.');
        console.log(`Demo sign-ins, password "${DEMO_PASSWORD}": ${DEMO_USERS.map((u) => u.username).join(', ')}`);
      }
      // first signal: drain and exit; a second one: exit now
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        console.log(`${signal}: finishing the requests in flight, then stopping`);
        void server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error('shutdown failed', err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return new Promise<number>(() => {});
    },
  },
  migrate: {
    help: 'migrate                   apply pending database migrations',
    async run(_args, config) {
      const db = await openDatabase(config, 'owner');
      try {
        const r = await migrate(db, undefined, config.databaseAppRole);
        console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'nothing to apply', `(version ${r.version})`);
      } finally {
        await db.close();
      }
      return 0;
    },
  },
  user: {
    help: 'user create|list|reset-password   manage users (create: --username --name --role --area|--org --password | --service)',
    async run(args, config) {
      const [sub, ...rest] = args;
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, area: { type: 'string' }, org: { type: 'string' }, password: { type: 'string' }, service: { type: 'boolean' } },
      });
      return withDb(config, async (deps) => {
        if (sub === 'list') {
          for (const r of await listAccountsForCli(deps.db)) console.log(`${r.username.padEnd(24)} ${r.active ? 'active  ' : 'inactive'} ${r.roles ?? ''}  ${r.display_name}`);
          return 0;
        }
        if (sub === 'create') {
          const role = values.role as Role;
          if (!values.username || !(values.password || values.service) || !ROLES.includes(role)) {
            console.error(`usage: slrt user create --username U --name "Name" --role (${ROLES.join('|')}) --area 32.04.05 | --org <id> (--password P | --service: a service account for bearer tokens, no sign-in)`);
            return 2;
          }
          // the account belongs to the kabupaten of its area (a province: the province office's own code);
          // personal data stays inside one kabupaten: only the province office's aggregates span several
          const area = values.area ? normalizeAreaCode(values.area) : config.kabupatenCode;
          const served = area !== null && areaLevel(area) !== null
            && config.kabupatenCodes.some((k) => isWithinArea(area, k) || (role === 'province_executive' && isWithinArea(k, area)));
          if (!area || !served || (role === 'province_executive') !== (areaLevel(area) === 'province')) {
            console.error(`--area ${values.area ?? ''}: outside the kabupaten/kota served (${config.kabupatenCodes.join(', ')}), or not the level of ${role}`);
            return 2;
          }
          await deps.db.transaction(async (tx) => {
            const id = await createUserDirect(tx, role === 'partner_officer' ? kabCodeOf(config.kabupatenCode) : homeKabCodeOf(area), {
              username: values.username!.toLowerCase(), displayName: values.name ?? values.username!, password: values.password ?? null,
              serviceAccount: Boolean(values.service),
              roles: [role === 'partner_officer' ? { role, organizationId: values.org! } : { role, areaCode: area }],
            });
            await deps.auditLog.record(tx, cliAudit(config), { action: 'user.create', recordType: 'user', recordIds: [id] });
          });
          console.log(`created ${values.username}`);
          return 0;
        }
        if (sub === 'reset-password') {
          if (!values.username || !values.password) {
            console.error('usage: slrt user reset-password --username U --password P');
            return 2;
          }
          const hash = await hashPassword(values.password);
          const ok = await deps.db.transaction(async (tx) => {
            const user = await accountOf(tx, values.username!);
            // a service account has no password: it works with tokens
            if (!user || user.serviceAccount) return false;
            await replacePassword(tx, user.id, hash);
            await deps.auditLog.record(tx, cliAudit(config), { action: 'user.reset_password', recordType: 'user', recordIds: [user.id] });
            return true;
          });
          console.log(ok ? 'password reset' : 'no such user (or a service account, which has no password)');
          return ok ? 0 : 1;
        }
        console.error('usage: slrt user create|list|reset-password');
        return 2;
      });
    },
  },
  token: {
    help: 'token create --username U --name N --scopes S,.. | token revoke --id ID   bearer tokens for service accounts',
    async run(args, config) {
      const [sub, ...rest] = args;
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, days: { type: 'string' }, scopes: { type: 'string' } } });
      return withDb(config, async (deps) => {
        if (sub === 'create' && values.username && values.name && values.scopes) {
          const scopes = values.scopes.split(',').map((x) => x.trim()).filter(Boolean);
          const unknown = scopes.filter((x) => !(TOKEN_SCOPES as readonly string[]).includes(x));
          if (unknown.length || !scopes.length) {
            console.error(`unknown scope(s) ${unknown.join(', ')}; scopes: ${TOKEN_SCOPES.join(', ')}`);
            return 2;
          }
          const user = await accountOf(deps.db, values.username);
          if (!user) {
            console.error('no such user');
            return 1;
          }
          try {
            const result = await createApiTokenDirect(deps, kabCodeOf(config.kabupatenCode), cliAudit(config).actorName,
              { userId: user.id, name: values.name, scopes: scopes as TokenScope[], expiresInDays: values.days ? Number(values.days) : undefined },
              (tx, id) => deps.auditLog.record(tx, cliAudit(config), { action: 'token.create', recordType: 'api_token', recordIds: [id, user.id], details: { scopes } }));
            console.log(`token ${result.id}\n${result.token}\n(shown once; store it in the partner system)`);
            return 0;
          } catch (err) {
            if (err instanceof AppError) {
              console.error(Object.values(err.fields ?? {}).map((m) => t('en', m.key, m.params)).join('; ') || t('en', err.msg.key, err.msg.params));
              return 1;
            }
            throw err;
          }
        }
        if (sub === 'revoke' && values.id) {
          const id = values.id;
          const n = await revokeApiTokenDirect(deps, kabCodeOf(config.kabupatenCode), id,
            (tx) => deps.auditLog.record(tx, cliAudit(config), { action: 'token.revoke', recordType: 'api_token', recordIds: [id] }));
          console.log(n ? 'revoked' : 'no such active token');
          return n ? 0 : 1;
        }
        console.error(`usage: slrt token create --username U --name N --scopes S1,S2 [--days D] | slrt token revoke --id ID  (U: a service account; scopes: ${TOKEN_SCOPES.join(', ')})`);
        return 2;
      });
    },
  },
  audit: {
    help: 'audit verify              check the audit trail hash chain',
    async run(args, config) {
      if (args[0] !== 'verify') {
        console.error('usage: slrt audit verify');
        return 2;
      }
      return withDb(config, async (deps) => {
        const kab = kabCodeOf(config.kabupatenCode);
        const anchor = lastAnchor(config.dataDir, config.auditKey, kab);
        const r = await verifyAuditChain(deps.db, kab, config.auditKey, anchor);
        if (config.auditKeyDerived) console.error('note: no AUDIT_KEY is set; the chain is checked with the development key');
        if (!r.ok && r.reason === 'truncated') console.error(`the chain ends at event ${r.lastSeq}, but the anchor of ${anchor?.at} vouches for event ${r.anchoredSeq}: events were deleted`);
        console.log(JSON.stringify({ ...r, lastAnchor: anchor }));
        if (r.ok) await anchorChainHeads(deps, (msg) => console.error(msg));
        return r.ok ? 0 : 1;
      });
    },
  },
  seed: {
    help: 'seed demo | seed synthetic --persons N [--kab 32.04] [--seed S] [--csv FILE]   demo data; a synthetic registry population',
    async run(args, config) {
      if (args[0] === 'synthetic') return seedSyntheticCommand(args.slice(1), config);
      if (args[0] !== 'demo') {
        console.error('usage: slrt seed demo');
        return 2;
      }
      return withDb({ ...config, demo: true }, async (deps) => {
        await seedDemo(deps, (m) => console.log(m));
        return 0;
      });
    },
  },
  registry: registryCommand,
};

function help() {
  console.log('usage: slrt <command>\n');
  for (const c of Object.values(COMMANDS)) console.log(`  ${c.help}`);
  console.log('\nconfiguration (environment):');
  for (const [name, def, what] of CONFIG_DOC) console.log(`  ${name.padEnd(20)} ${what} [${def}]`);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    help();
    return name ? 2 : 0;
  }
  try {
    const config = loadConfig(process.env, { demo: name === 'serve' ? args.includes('--demo') : false, serve: name === 'serve' });
    return await command.run(args, config);
  } catch (err) {
    if (err instanceof DatabaseBusyError) {
      console.error(`${err.message}\nThe running server holds the embedded database: use its web app or API, or stop it first.`);
      return 3;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    // an unknown or malformed option (`--help` among them): the message and the command's usage
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS_')) {
      console.error(`${err.message}\nusage: slrt ${command.help}`);
      return 2;
    }
    throw err;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
}
