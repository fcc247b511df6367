#!/usr/bin/env bash
# Starts a streaming replica of the local PostgreSQL server, for DATABASE_REPLICA_URL in
# development and CI: a second server on REPLICA_PORT (5433) made by pg_basebackup -R from the
# primary on PRIMARY_PORT (5432), fed by streaming replication through the physical slot
# `slrt_replica`. Idempotent: when a standby already answers on the port, it only makes sure
# replay is not left paused (a test pauses it) and prints the URL.
#
#   scripts/start-replica.sh          start (or find) the replica; prints DATABASE_REPLICA_URL=...
#   scripts/start-replica.sh --stop   stop it, remove its data folder and drop its slot (a slot
#                                     whose replica is gone keeps WAL on the primary: drop it)
#
# The primary is never restarted: if it refuses replication connections from 127.0.0.1, one
# `host replication` line is added to its pg_hba.conf and the configuration reloaded.
# Run as root (the servers run as the postgres user) or as the postgres user.
set -euo pipefail

PRIMARY_HOST=127.0.0.1
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres}
SLOT=slrt_replica
DIR=${REPLICA_DIR:-/var/lib/postgresql/slrt-replica-$REPLICA_PORT}
URL="postgres://$PGUSER:$PGPASSWORD@127.0.0.1:$REPLICA_PORT/postgres"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PGPASSWORD="$PGPASSWORD" "$@"; else "$@"; fi
}
primary() { psql -X -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PGUSER" -d postgres -tA -v ON_ERROR_STOP=1 -c "$1"; }
replica() { psql -X -q -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PGUSER" -d postgres -tA -v ON_ERROR_STOP=1 -c "$1" 2>/dev/null; }
standby_answers() { [ "$(replica 'SELECT pg_is_in_recovery()' || true)" = t ]; }

major=$(( $(primary 'SHOW server_version_num') / 10000 ))
BIN=/usr/lib/postgresql/$major/bin
[ -x "$BIN/pg_ctl" ] || BIN=$(dirname "$(command -v pg_ctl)")

if [ "${1:-}" = --stop ]; then
  [ -f "$DIR/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true
  rm -rf "$DIR"
  primary "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" >/dev/null
  echo "replica on port $REPLICA_PORT stopped and removed"
  exit 0
fi

finish() {
  # a test pauses replay to catch a read served by the replica; never leave it paused
  replica 'SELECT pg_wal_replay_resume() WHERE pg_is_wal_replay_paused()' >/dev/null || true
  echo "DATABASE_REPLICA_URL=$URL"
  exit 0
}

if standby_answers; then finish; fi

# the primary must accept replication connections from 127.0.0.1
if ! psql -X "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PGUSER replication=true dbname=postgres" -c IDENTIFY_SYSTEM >/dev/null 2>&1; then
  hba=$(primary 'SHOW hba_file')
  method=scram-sha-256
  grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba" && method=trust
  printf '# added by SLRT scripts/start-replica.sh: the local streaming replica\nhost replication %s 127.0.0.1/32 %s\n' "$PGUSER" "$method" >>"$hba"
  primary 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
fi

primary "SELECT pg_create_physical_replication_slot('$SLOT') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT')" >/dev/null

# a data folder left from before: start it; rebuild it when it does not come up as a standby
if [ -f "$DIR/standby.signal" ]; then
  as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null 2>&1 || true
  if standby_answers; then finish; fi
  as_postgres "$BIN/pg_ctl" -D "$DIR" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
mkdir -p "$(dirname "$DIR")"

echo "base backup of 127.0.0.1:$PRIMARY_PORT into $DIR ..."
as_postgres "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PGUSER" -D "$DIR" -R -X stream -S "$SLOT" -c fast

# Debian keeps the primary's configuration outside its data folder: give the replica its own.
# A hot standby needs these limits at least as high as the primary's.
{
  echo "port = $REPLICA_PORT"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$DIR'"
  echo "hot_standby = on"
  # off: with feedback the primary keeps dead rows for the standby (its VACUUM then removes nothing,
  # db/maintenance.test.ts); a replica query that meets a removed row waits up to 30 s, then is cancelled
  echo "hot_standby_feedback = off"
  echo "max_standby_streaming_delay = 30s"
  for s in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    echo "$s = $(primary "SHOW $s")"
  done
  echo "shared_buffers = 64MB"
  echo "logging_collector = off"
} | as_postgres tee "$DIR/postgresql.conf" >/dev/null
primary 'SELECT pg_read_file(setting) FROM pg_settings WHERE name = '"'hba_file'" | as_postgres tee "$DIR/pg_hba.conf" >/dev/null
as_postgres touch "$DIR/pg_ident.conf"

as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 120 start >/dev/null
for _ in $(seq 1 60); do
  [ "$(replica 'SELECT status FROM pg_stat_wal_receiver' || true)" = streaming ] && break
  sleep 1
done
standby_answers || { echo "the replica on port $REPLICA_PORT did not come up as a standby; see $DIR/server.log" >&2; exit 1; }
finish
