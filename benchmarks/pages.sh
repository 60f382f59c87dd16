#!/usr/bin/env bash
# Every staff page, one user then under load, on a synthetic database.
#   dotnet run -c Release --project src/PartnershipPortal.Web -- generate --projects 1000000 --years 2015-2024 --database /tmp/synthetic.db
#   benchmarks/pages.sh /tmp/synthetic.db [views=5] [wrk duration=10s] [connections=16] [wrk pages...]
# REMINDERS=false keeps the reminder pass from running beside the pages: on a generated database its first pass meets
# every late report at once (docs/performance.md). KEEP_PAGES=false reads every list page from the database (the lists
# keep their pages until the next write, ADR 0019): the views then measure what the first view after a write costs.
# Needs curl and wrk (apt-get install wrk). Starts the portal (Release, production settings) on port 5191, signs in as a
# staff account created from Admin:Email/Admin:Password, then for each page: 2 warm-up views, then the median of
# `views` views (curl time_total); then `wrk -t2 -cN` on each wrk page (default: /Projects) and the portal's peak RSS.
# EXPORTS_ONLY=1 skips the pages and wrk and measures the full-list exports instead (every row of each list, CSV and
# Excel: time, size, rows, the portal's peak RSS after each).
# On a database generated with --applications (the AAP-GEN-SELECTION call), the call's ranking page and its applications
# list are measured too; SELECTION_ONLY=1 measures only those (and wrk runs on the ranking page unless pages are given):
#   dotnet run -c Release --project src/PartnershipPortal.Web -- generate --projects 100000 --years 2015-2024 --applications 2000 --reviewers 5 --database /tmp/selection.db
#   SELECTION_ONLY=1 benchmarks/pages.sh /tmp/selection.db 9
set -euo pipefail
cd "$(dirname "$0")/.."

DB=$(realpath "$1")
VIEWS=${2:-5}
DURATION=${3:-10s}
CONNECTIONS=${4:-16}
shift $(( $# < 4 ? $# : 4 ))
WRK_PAGES=("$@")
PORT=${PORT:-5191}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
EMAIL=bench@portail.test
PASSWORD=Benchmark-Password-2026

dotnet build -c Release src/PartnershipPortal.Web -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/PartnershipPortal.Web/bin/Release/net10.0/PartnershipPortal.Web.dll --urls "$BASE" \
  "--ConnectionStrings:Portal=Data Source=$DB" --Seed:Demo=false --Portal:PublicBaseUrl=$BASE \
  --Admin:Email=$EMAIL --Admin:Password=$PASSWORD --Security:RequireTwoFactorForAdministrators=false --Security:LoginPermitLimit=100000 \
  --Logging:LogLevel:Default=Warning ${REMINDERS:+--Rules:Reminders:RunInBackground=$REMINDERS} ${KEEP_PAGES:+--Lists:KeepPages=$KEEP_PAGES} >"$WORK/portal.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT

# The first start on an older database applies the migrations (the Search one indexes every record).
for _ in $(seq 1200); do curl -sf "$BASE/health" >/dev/null && break; kill -0 $PID 2>/dev/null || { cat "$WORK/portal.log"; exit 1; }; sleep 1; done

# A session ends after 30 idle minutes and the cookie jar is only read below: sign in again before each page and each
# wrk run, so that a long run never measures the sign-in redirect (302) instead of the page.
signin() {
  rm -f "$WORK/jar"
  token=$(curl -s -c "$WORK/jar" -b "$WORK/jar" "$BASE/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$WORK/jar" -b "$WORK/jar" -X POST "$BASE/Account/Login" \
    --data-urlencode "Email=$EMAIL" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token"
  COOKIE=$(awk '$6 == "portail.auth" { print $7 }' "$WORK/jar")
  [ -n "$COOKIE" ] || { echo "Sign-in failed"; cat "$WORK/portal.log"; exit 1; }
}
signin

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# A details page of each kind: the record in the middle of the table.
mid() { sqlite3 "$DB" "SELECT Id FROM $1 ORDER BY Id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM $1);"; }

PAGES=(
  /Dashboard
  /Projects "/Projects?q=Oujda" "/Projects?q=oujda%20ecole" "/Projects?page=2000" "/Projects?sort=Amount&desc=true"
  "/Projects?year=2020&domainId=3&status=Completed" "/Projects?city=Oujda" "/Projects?associationId=$(mid Associations)"
  "/Projects/Details/$(mid Projects)"
  /Conventions "/Conventions?q=CONV-2020" "/Conventions?page=2000" "/Conventions?sort=total&desc=true" "/Conventions?year=2019&status=Signed"
  "/Conventions/Details/$(mid Conventions)"
  /Associations "/Associations?q=migrants" "/Associations?page=100" "/Associations/Details/$(mid Associations)"
  /Activities "/Activities?q=semaine"
  /AuditLog /Calls /Domains /DocumentKinds /Users
  /Bilan /Bilan/2020
  /Echeances "/Echeances?kind=Report" "/Echeances?kind=TrancheToOrder" "/Echeances?page=2000" "/Echeances?region=Oriental"
  "/Paiements/$(mid Conventions)" "/Rapports/$(mid ConventionReports)"
  /Candidatures
)
# An edition of the last two years, created and published through the pages as a manager would: its staff pages (the
# draft's preview reads live figures), then the public ones (a client may view them 120 times a minute: no wrk there).
token_of() { curl -s -b "$WORK/jar" -c "$WORK/jar" "$BASE$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
LAST_YEAR=$(sqlite3 "$DB" "SELECT MAX(BudgetYear) FROM Conventions;")
EDITION=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$WORK/jar" -c "$WORK/jar" -X POST "$BASE/Bilan/Editions/Create" \
  --data-urlencode "Form.FirstYear=$((LAST_YEAR - 1))" --data-urlencode "Form.LastYear=$LAST_YEAR" \
  --data-urlencode "Form.IntroductionFr=Bilan mesuré par benchmarks/pages.sh" \
  --data-urlencode "__RequestVerificationToken=$(token_of /Bilan/Editions/Create)" | grep -o '[0-9]*$')
[ -n "$EDITION" ] || { echo "The edition could not be created"; exit 1; }
PAGES+=(/Bilan/Editions "/Bilan/Editions/$EDITION")
curl -s -o /dev/null -b "$WORK/jar" -c "$WORK/jar" -X POST "$BASE/Bilan/Editions/$EDITION/Publish" \
  --data-urlencode "__RequestVerificationToken=$(token_of "/Bilan/Editions/$EDITION")"
PAGES+=("/Bilan/Editions/$EDITION/Versions/1" /Publications "/Publications/$EDITION" "/Publications/$EDITION/Versions/1"
  "/Publications/$EDITION/Versions/1/Csv" "/Publications/$EDITION/Versions/1/Json" "/Publications/$EDITION/Versions/1/Pdf")

SELECTION_CALL=$(sqlite3 "$DB" "SELECT Id FROM CallsForProjects WHERE Reference = 'AAP-GEN-SELECTION';")
SELECTION_PAGES=()
if [ -n "$SELECTION_CALL" ]; then
  SELECTION_PAGES=("/Selection/Classement/$SELECTION_CALL" "/Candidatures?call=$SELECTION_CALL" "/Candidatures?call=$SELECTION_CALL&page=40"
    "/Candidatures/$(sqlite3 "$DB" "SELECT Id FROM Applications WHERE CallForProjectsId = $SELECTION_CALL ORDER BY Id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM Applications WHERE CallForProjectsId = $SELECTION_CALL);")")
  PAGES+=("${SELECTION_PAGES[@]}")
fi
if [ "${SELECTION_ONLY:-}" = 1 ]; then
  [ -n "$SELECTION_CALL" ] || { echo "No AAP-GEN-SELECTION call in $DB: generate it with --applications 2000 --reviewers 5"; exit 1; }
  PAGES=("${SELECTION_PAGES[@]}")
  [ ${#WRK_PAGES[@]} -gt 0 ] || WRK_PAGES=("/Selection/Classement/$SELECTION_CALL")
fi
[ ${#WRK_PAGES[@]} -gt 0 ] || WRK_PAGES=(/Projects)
if [ "${EXPORTS_ONLY:-}" = 1 ]; then
  printf '%-44s %6s %9s %12s %9s %s\n' export status seconds bytes rows "peak RSS"
  for export in /Projects/Export?format=csv /Projects/Export?format=xlsx /Conventions/Export?format=csv \
      /Associations/Export?format=csv /Activities/Export?format=csv /AuditLog/Export?format=csv; do
    signin
    read -r status seconds bytes < <(curl -s -b "$WORK/jar" -o "$WORK/export" -w '%{http_code} %{time_total} %{size_download}\n' "$BASE$export")
    case "$export" in
      *xlsx) rows=$(unzip -p "$WORK/export" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l) ;;
      *) rows=$(wc -l < "$WORK/export") ;;
    esac
    printf '%-44s %6s %9.1f %12s %9s %s\n' "$export" "$status" "$seconds" "$bytes" "$rows" "$(grep VmHWM /proc/$PID/status | tr -s ' \t' ' ' | cut -d' ' -f2-)"
  done
  exit 0
fi

printf '%-60s %6s %10s %10s\n' page status median bytes
for page in "${PAGES[@]}"; do
  signin
  for _ in 1 2; do curl -s -b "$WORK/jar" -o /dev/null "$BASE$page"; done
  read -r status bytes < <(curl -s -b "$WORK/jar" -o /dev/null -w '%{http_code} %{size_download}\n' "$BASE$page")
  t=$(for _ in $(seq "$VIEWS"); do curl -s -b "$WORK/jar" -o /dev/null -w '%{time_total}\n' "$BASE$page"; done | median)
  printf '%-60s %6s %9.0fms %10s\n' "$page" "$status" "$(echo "$t * 1000" | bc -l)" "$bytes"
done
echo "peak RSS after the pages: $(grep VmHWM /proc/$PID/status | tr -s ' \t' ' ')"

if command -v wrk >/dev/null; then
  for page in "${WRK_PAGES[@]}"; do
    signin
    echo "== wrk -t2 -c$CONNECTIONS -d$DURATION $page (HTTP $(curl -s -b "$WORK/jar" -o /dev/null -w '%{http_code}' "$BASE$page"))"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: portail.auth=$COOKIE" "$BASE$page" \
      | grep -E 'Requests/sec|50%|99%|Socket errors|Non-2xx|requests in|Transfer/sec'
  done
  echo "peak RSS after wrk: $(grep VmHWM /proc/$PID/status | tr -s ' \t' ' ')"
else
  echo "wrk is missing (apt-get install wrk): load not measured"
fi
