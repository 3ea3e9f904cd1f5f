#!/usr/bin/env bash
# Prepares the local PostgreSQL 15 server for the Postgres store tests: starts the cluster
# when it is down and builds pgvector from Debian's trixie source package (there is no
# binary package for PG 15 on bookworm). Idempotent; run as root.
set -euo pipefail

PG_MAJOR=15
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
CONTROL=/usr/share/postgresql/$PG_MAJOR/extension/vector.control
DATABASE=${POSTGRES_SETUP_DB:-test}

say() { echo "== setup-postgres: $*"; }

if ! pg_lsclusters --no-header | awk '$1 == "'$PG_MAJOR'" && $2 == "main"' | grep -q online; then
  say "starting cluster $PG_MAJOR/main"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
else
  say "cluster $PG_MAJOR/main is running"
fi

if [ -f "$CONTROL" ]; then
  say "pgvector already installed ($CONTROL)"
else
  # Source only: a binary line for another suite would mix releases on this system.
  SRC_LIST=/etc/apt/sources.list.d/trixie-src.list
  if [ ! -f "$SRC_LIST" ]; then
    say "adding deb-src for trixie in $SRC_LIST"
    echo "deb-src http://deb.debian.org/debian trixie main" >"$SRC_LIST"
  fi
  say "apt-get update"
  apt-get update -qq
  say "installing build dependencies"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "postgresql-server-dev-$PG_MAJOR" dpkg-dev build-essential >/dev/null
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  say "fetching pgvector source into $WORK"
  (cd "$WORK" && apt-get source -qq --download-only pgvector >/dev/null && dpkg-source -x --no-check ./*.dsc src >/dev/null)
  say "building pgvector"
  make -s -C "$WORK/src" PG_CONFIG="$PG_CONFIG" >/dev/null
  make -s -C "$WORK/src" PG_CONFIG="$PG_CONFIG" install >/dev/null
  say "pgvector installed"
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtX -d '$DATABASE' -c 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
say "CREATE EXTENSION IF NOT EXISTS vector, btree_gin in database $DATABASE"
su postgres -c "psql -qAtX -v ON_ERROR_STOP=1 -d '$DATABASE' -c 'CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS btree_gin'"
su postgres -c "psql -qAtX -d '$DATABASE' -c \"select 'pgvector ' || extversion from pg_extension where extname = 'vector'\""
