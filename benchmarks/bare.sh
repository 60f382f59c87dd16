#!/usr/bin/env bash
# Each list page of the portal against the bare EF Core + Razor page (benchmarks/PartnershipPortal.BarePage) on the demo
# data, under the same load in the same run (issue 15: each list ≥ 60 % of the bare page's requests per second).
#   [ACCOUNT=admin@portail.test] [KEEP_PAGES=false] benchmarks/bare.sh [duration=10s] [connections=16] [pages...]
# (the demo agent by default; KEEP_PAGES=false reads every view's page from the database, as the first view after a write)
# Needs wrk and curl. Starts the portal (Release, demo data, a fresh SQLite file) on port 5192 and the bare page on 5193,
# both on that file; signs in as the demo agent; then wrk -t2 -cN on the bare page and each page, one after the other,
# twice in alternation, and prints each page's requests per second and its ratio to the bare page's.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10s}
CONNECTIONS=${2:-16}
shift $(( $# < 2 ? $# : 2 ))
PAGES=("${@:-/Projects?pageSize=100}")
[ $# -gt 0 ] || PAGES=("/Projects?pageSize=100" "/Conventions?pageSize=100" "/Associations?pageSize=100" "/Activities?pageSize=100" "/Calls?pageSize=100" "/AuditLog")
PORTAL=http://127.0.0.1:5192
BARE=http://127.0.0.1:5193
WORK=$(mktemp -d)
DB=$WORK/portal.db

dotnet build -c Release src/PartnershipPortal.Web -v quiet -nologo >/dev/null
dotnet build -c Release benchmarks/PartnershipPortal.BarePage -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/PartnershipPortal.Web/bin/Release/net10.0/PartnershipPortal.Web.dll --urls "$PORTAL" \
  "--ConnectionStrings:Portal=Data Source=$DB" --Seed:Demo=true --Seed:DemoPassword=Portail-Demo-2026 --Portal:PublicBaseUrl=$PORTAL \
  --Security:RequireTwoFactorForAdministrators=false --Security:LoginPermitLimit=100000 \
  --Logging:LogLevel:Default=Warning ${KEEP_PAGES:+--Lists:KeepPages=$KEEP_PAGES} >"$WORK/portal.log" 2>&1 &
PORTAL_PID=$!
trap 'kill $PORTAL_PID ${BARE_PID:-} 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do curl -sf "$PORTAL/health" >/dev/null && break; sleep 1; done

dotnet benchmarks/PartnershipPortal.BarePage/bin/Release/net10.0/PartnershipPortal.BarePage.dll --urls "$BARE" \
  "--ConnectionStrings:Portal=Data Source=$DB" >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
for _ in $(seq 60); do curl -sf -o /dev/null "$BARE/" && break; sleep 1; done

token=$(curl -s -c "$WORK/jar" -b "$WORK/jar" "$PORTAL/Account/Login" \
  | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$WORK/jar" -b "$WORK/jar" -X POST "$PORTAL/Account/Login" \
  --data-urlencode "Email=${ACCOUNT:-agent@portail.test}" --data-urlencode "Password=Portail-Demo-2026" --data-urlencode "__RequestVerificationToken=$token"
COOKIE=$(awk '$6 == "portail.auth" { print $7 }' "$WORK/jar")
[ -n "$COOKIE" ] || { echo "Sign-in failed"; cat "$WORK/portal.log"; exit 1; }

rps() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: portail.auth=$COOKIE" "$1" | awk '/Requests\/sec/ {print $2}'; }
for url in "$BARE/" "${PAGES[@]/#/$PORTAL}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/jar" "$url")
  [ "$status" = 200 ] || { echo "$url answered $status"; exit 1; }
  for _ in $(seq 20); do curl -s -o /dev/null -b "$WORK/jar" "$url"; done
done

printf '%-32s %12s %12s %8s\n' page "bare req/s" "page req/s" ratio
for page in "${PAGES[@]}"; do
  for round in 1 2; do
    bare=$(rps "$BARE/")
    mine=$(rps "$PORTAL$page")
    printf '%-32s %12s %12s %8s\n' "$page ($round)" "$bare" "$mine" "$(echo "scale=2; $mine / $bare" | bc)"
  done
done
echo "peak RSS of the portal: $(awk '/VmHWM/ {print $2, $3}' /proc/$PORTAL_PID/status)"
