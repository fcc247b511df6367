import { openPglite } from '../db/pglite.ts';
const db = await openPglite('/tmp/slrt-cli/data/pglite');
const { rows } = await db.query(`SELECT (SELECT md5(string_agg(row_to_json(p)::text, '' ORDER BY p.id)) FROM persons p) AS p, (SELECT md5(string_agg(row_to_json(h)::text, '' ORDER BY h.id)) FROM households h) AS h, (SELECT count(*) FROM persons) AS n, (SELECT count(*) FROM registry_history) AS hist, (SELECT count(*) FROM families) AS f`);
console.log(JSON.stringify(rows[0]));
await db.close();
