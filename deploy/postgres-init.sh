#!/bin/sh
# Runs once, on the empty cluster of the compose file's `db` service: the application's login role, with a password,
# and none of the powers that would bypass the grants the migrations give it (the migration checks that too).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE rekisteri_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
SQL
