#!/usr/bin/env bash
# Start a `make serve`-style gunicorn (DEBUG=false) on loopback with its own prepared database.
#
#   loadtest/serve.sh [PORT] [DATABASE_URL]       (defaults: 8201, sqlite:////tmp/kotipolku-reliability/<port>.sqlite3)
#
# Environment: WORKERS (default 2 × CPUs + 1, gunicorn's rule: requests that wait on Redis or the database
# leave the CPU to another worker), FRESH=1 (rebuild the database), TRUST_XFF=1 (BEHIND_TLS_PROXY=true:
# X-Forwarded-For counts as the client address, so the load test can simulate many public clients),
# CACHE_URL (required with more than one worker, as in production: e.g. redis://127.0.0.1:6379/3; without
# a shared cache every worker would keep its own rate-limit counters, F3 in docs/reliability/load.md).
# Secrets are generated once into /tmp/kotipolku-reliability/env.sh (the demo data is encrypted with them).
# Writes the gunicorn pid to /tmp/kotipolku-reliability/<port>.pid and its log to <port>.log; the script
# returns once /healthz answers. Stop with: kill "$(cat /tmp/kotipolku-reliability/<port>.pid)"
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8201}"
RUN=/tmp/kotipolku-reliability
mkdir -p "$RUN"
DB_URL="${2:-sqlite:///$RUN/$PORT.sqlite3}"
PY=.venv/bin/python
case "$PORT" in 820[1-9]) ;; *) echo "serve.sh: port must be 8201-8209 (got $PORT)" >&2; exit 2 ;; esac
WORKERS="${WORKERS:-$(( 2 * $(nproc) + 1 ))}"
if [[ -z "${CACHE_URL:-}" && "$WORKERS" -gt 1 ]]; then
  echo "serve.sh: CACHE_URL is not set; with $WORKERS workers the rate limits would be per worker." >&2
  echo "          Set CACHE_URL=redis://127.0.0.1:6379/<db> (as production must), or WORKERS=1." >&2
  exit 2
fi
export CACHE_URL="${CACHE_URL:-}"

if [[ ! -f "$RUN/env.sh" ]]; then
  # URL-safe characters only: Django's own key alphabet has $ and (, which the shell would expand on `source`.
  $PY -c "from secrets import token_urlsafe as k; from cryptography.fernet import Fernet as F; print('export SECRET_KEY=\"' + k(50) + '\"'); print('export FIELD_ENCRYPTION_KEY=\"' + F.generate_key().decode() + '\"')" > "$RUN/env.sh"
  chmod 600 "$RUN/env.sh"
fi
# shellcheck disable=SC1091
source "$RUN/env.sh"
export DATABASE_URL="$DB_URL" DJANGO_SETTINGS_MODULE=loadtest.settings LOADTEST_STATIC_ROOT="$RUN/static"

SQLITE_FILE=""
[[ "$DB_URL" == sqlite:///* ]] && SQLITE_FILE="${DB_URL#sqlite:///}"
if [[ "${FRESH:-0}" == 1 && -n "$SQLITE_FILE" ]]; then rm -f "$SQLITE_FILE" "$SQLITE_FILE"-wal "$SQLITE_FILE"-shm; fi
if [[ ! -f "$RUN/$PORT.prepared" || "${FRESH:-0}" == 1 || ( -n "$SQLITE_FILE" && ! -f "$SQLITE_FILE" ) ]]; then
  echo "serve.sh: preparing $DB_URL (migrate + demo_setup) …"
  DEBUG=1 KOTIPOLKU_DEMO=1 $PY manage.py migrate --noinput -v0
  DEBUG=1 KOTIPOLKU_DEMO=1 $PY manage.py demo_setup | tail -1
  touch "$RUN/$PORT.prepared"
fi
DEBUG=false $PY manage.py collectstatic --noinput -v0

export DEBUG=false SECURE_COOKIES=false KOTIPOLKU_DEMO=false
# The load and fuzz clients sign staff in with the demo passwords only; the one-time code step
# (core.mfa, on in production) is covered by kotipolku/core/tests/test_mfa.py and the permission matrix.
export STAFF_MFA_REQUIRED="${STAFF_MFA_REQUIRED:-false}"
[[ "${TRUST_XFF:-0}" == 1 ]] && export BEHIND_TLS_PROXY=true
.venv/bin/gunicorn kotipolku.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --preload --timeout 60 \
  --env DJANGO_SETTINGS_MODULE=loadtest.settings --pid "$RUN/$PORT.pid" \
  --access-logfile /dev/null --error-logfile "$RUN/$PORT.log" --capture-output --daemon
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
    echo "serve.sh: gunicorn pid $(cat "$RUN/$PORT.pid") on http://127.0.0.1:$PORT (log $RUN/$PORT.log)"; exit 0
  fi
  sleep 1
done
echo "serve.sh: server did not answer /healthz within 60 s; see $RUN/$PORT.log" >&2
exit 1
