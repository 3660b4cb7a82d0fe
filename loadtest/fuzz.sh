#!/usr/bin/env bash
# API fuzzing: schemathesis against /api/v1/openapi.json of a running DEBUG=false gunicorn, once per role.
#
#   loadtest/fuzz.sh [BASE_URL]        (default http://127.0.0.1:8201, started with loadtest/serve.sh 8201)
#
# Roles: anonymous; landlord-a and landlord-b (Authorization: Bearer demo-landlord-a-token /
# demo-landlord-b-token); staff sessions of demo-worker-a, demo-worker-b, demo-lead, demo-editor and
# demo-admin (password kotipolku-demo; session cookie + X-CSRFToken header). ROLES="anonymous demo-lead"
# runs only those roles.
# Checks: not_a_server_error, response_schema_conformance, content_type_conformance,
# status_code_conformance (undocumented status codes are findings of the OpenAPI document, not crashes).
# Environment: MAX_EXAMPLES (default 60 per operation), MAX_TIME (seconds per role, default 240), SEED (default 9).
# Reports: $FUZZ_OUT/fuzz-<role>/ (default FUZZ_OUT=/tmp/kotipolku-reliability; JUnit + NDJSON); the
# console summary goes to stdout.
set -uo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://127.0.0.1:8201}"
OUT="${FUZZ_OUT:-/tmp/kotipolku-reliability}"
ST=.venv/bin/schemathesis
CHECKS=not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance
COMMON=(--checks "$CHECKS" --max-examples "${MAX_EXAMPLES:-60}" --max-time "${MAX_TIME:-240}" --seed "${SEED:-9}"
        --workers 2 --no-color --output-truncate false --generation-database none --continue-on-failure
        --request-timeout 30 --report junit,ndjson --suppress-health-check all)

login() {  # prints "sessionid csrftoken" of a staff login
  local user="$1" jar
  jar="$(mktemp)"
  local csrf
  csrf="$(curl -s -c "$jar" -b "$jar" "$BASE/fi/accounts/login/" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
  curl -s -o /dev/null -c "$jar" -b "$jar" -e "$BASE/fi/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$csrf" --data-urlencode "username=$user" \
    --data-urlencode "password=${DEMO_PASSWORD:-kotipolku-demo}" "$BASE/fi/accounts/login/"
  local sid tok
  sid="$(awk '$6=="sessionid"{print $7}' "$jar")"; tok="$(awk '$6=="csrftoken"{print $7}' "$jar")"
  rm -f "$jar"
  [[ -n "$sid" ]] || { echo "fuzz.sh: login of $user failed" >&2; return 1; }
  echo "$sid $tok"
}

run_role() {  # run_role NAME [schemathesis args…]
  local name="$1"; shift
  echo "=== role: $name ($(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)) ==="
  $ST run "$BASE/api/v1/openapi.json" "${COMMON[@]}" --report-dir "$OUT/fuzz-$name" "$@"
  echo "=== role $name exit code $? ==="
}

ROLES="${ROLES:-anonymous landlord-a landlord-b demo-worker-a demo-worker-b demo-lead demo-editor demo-admin}"
for role in $ROLES; do
  case "$role" in
    anonymous) run_role anonymous ;;
    landlord-a) run_role landlord-a -H "Authorization: Bearer ${DEMO_LANDLORD_A_TOKEN:-demo-landlord-a-token}" ;;
    landlord-b) run_role landlord-b -H "Authorization: Bearer ${DEMO_LANDLORD_B_TOKEN:-demo-landlord-b-token}" ;;
    demo-*)
      read -r sid tok < <(login "$role") || continue
      run_role "$role" -H "Cookie: sessionid=$sid; csrftoken=$tok" -H "X-CSRFToken: $tok" -H "Referer: $BASE/fi/" ;;
    *) echo "fuzz.sh: unknown role $role" >&2 ;;
  esac
done
