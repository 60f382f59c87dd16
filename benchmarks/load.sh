#!/usr/bin/env bash
# Page under load and peak memory of the portal, on a synthetic database.
#   dotnet run --project src/PartnershipPortal.Web -- generate --projects 1000000 --years 2015-2024 --database /tmp/synthetic.db
#   benchmarks/load.sh /tmp/synthetic.db [year=2020] [duration=30s] [connections=16]
# Needs wrk (apt-get install wrk) and curl. Starts the portal (Release build) on port 5190, signs in as a staff
# account created from Admin:Email/Admin:Password (an administrator; 2FA is not required of it on this measuring
# instance), then: exports (PDF and Excel, 10 each), then wrk on /Bilan/{year}.
# Prints the median times, the wrk summary, and the process's resident memory (VmRSS now, VmHWM = peak so far).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=$(realpath "$1")
YEAR=${2:-2020}
DURATION=${3:-30s}
CONNECTIONS=${4:-16}
PORT=5190
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
EMAIL=bench@portail.test
PASSWORD=Benchmark-Password-2026

dotnet build -c Release src/PartnershipPortal.Web -v quiet -nologo >/dev/null
dotnet src/PartnershipPortal.Web/bin/Release/net10.0/PartnershipPortal.Web.dll --urls "$BASE" \
  "--ConnectionStrings:Portal=Data Source=$DB" --Seed:Demo=false \
  --Admin:Email=$EMAIL --Admin:Password=$PASSWORD --Security:RequireTwoFactorForAdministrators=false \
  --Logging:LogLevel:Default=Warning >"$WORK/portal.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT

for _ in $(seq 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 1; done

memory() { echo "$1: $(grep -E 'VmRSS|VmHWM' /proc/$PID/status | tr -s ' \t' ' ' | tr '\n' ' ')"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

token=$(curl -s -c "$WORK/jar" -b "$WORK/jar" "$BASE/Account/Login" \
  | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$WORK/jar" -b "$WORK/jar" -X POST "$BASE/Account/Login" \
  --data-urlencode "Email=$EMAIL" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token"
COOKIE=$(awk '$6 == "portail.auth" { print $7 }' "$WORK/jar")
[ -n "$COOKIE" ] || { echo "Sign-in failed"; cat "$WORK/portal.log"; exit 1; }

memory "after start and sign-in"
for kind in "" /Pdf /Excel; do
  # Warm-up: the JIT compiles the hot loops again, optimized, after their first runs (tiered compilation).
  for _ in $(seq 10); do curl -s -b "$WORK/jar" -o /dev/null "$BASE/Bilan/$YEAR$kind"; done
  status=$(curl -s -b "$WORK/jar" -o /dev/null -w '%{http_code}' "$BASE/Bilan/$YEAR$kind")
  t=$(for _ in $(seq 10); do curl -s -b "$WORK/jar" -o /dev/null -w '%{time_total}\n' "$BASE/Bilan/$YEAR$kind"; done | median)
  echo "GET /Bilan/$YEAR$kind: HTTP $status, median of 10: ${t} s"
done
memory "after 21 page views and 42 exports"

wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: portail.auth=$COOKIE" "$BASE/Bilan/$YEAR"
memory "after wrk"
