#!/usr/bin/env bash
# Mutation testing of the rule-bearing code with the HTTP test project (Stryker.NET 5.1.0 from the tool manifest).
# Not part of CI: it takes 30 to 60 minutes on two shared cores. The report lands in StrykerOutput/<date>/reports/.
# Usage: tools/mutation.sh [extra stryker options, e.g. --concurrency 1]
#        tools/mutation.sh -m "**/Features/Shared/AmountRules.cs" [-m ...]   only these files, instead of the list below
# On two cores the whole list does not finish in a working session, and Stryker writes its report only at the end:
# run a few files at a time (STRYKER_TEST_FILTER narrows the tests to the classes that exercise them).
# Per-test coverage (the default) switches mutants on xUnit's test start and end events: the test project reports them
# synchronously and runs its classes one at a time in a mutation run (SynchronousTestFramework), and a per-test run then
# gives the same outcomes as one without coverage analysis (docs/testing.md, "Runs", ninth session). To confirm a
# survivor or a timeout, STRYKER_COVERAGE=off runs every selected test against each mutant (slower; the command line
# of Stryker 5.1 has no option for it: it goes through a configuration file written here).
# tools/mutation-survivors.py turns a report's survivors into a -m pattern, to run only them again.
# Every service a feature adds that carries a rule (what counts, what is refused, what a number becomes) goes in the
# list below, and docs/testing.md says why each surviving mutant stays.
# The test classes that start whole processes (a second portal, the backup command, the memory probe) are left out of
# the mutant runs (STRYKER_TEST_FILTER overrides): they cover none of the listed files' rules and cost minutes a run.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null

files=(
  "**/Features/Bilan/BilanService*.cs"
  "**/Features/Shared/AmountRules.cs"
  "**/Features/Conventions/ConventionNumbering.cs"
  "**/Infrastructure/Formatting/PortalFormat.cs"
  "**/Features/Conventions/ConventionService*.cs"
  "**/Features/Conventions/ConventionLifecycle.cs"
  "**/Features/Associations/AssociationService.cs"
  "**/Features/Users/UsersService.cs"
  "**/Features/Account/PasswordResetMailer.cs"
  "**/Features/Applications/ApplicationService.cs"
  "**/Features/Applications/SelectionService.cs"
  "**/Features/Applications/ReviewService.cs"
  "**/Features/Applications/ApplicationAttachments.cs"
  "**/Features/Registration/RegistrationService.cs"
  "**/Features/Shared/Lists/ListPage.cs"
  "**/Features/Shared/Lists/RecordSearch.cs"
  "**/Features/Shared/RecordLookups.cs"
  "**/Features/Payments/PaymentSchedule.cs"
  "**/Features/Payments/PaymentService.cs"
  "**/Features/Reports/ReportService.cs"
  "**/Features/Reports/ReminderService.cs"
  "**/Features/Echeances/EcheanceService.cs"
  "**/Features/Dashboard/DashboardService.cs"
  "**/Features/Editions/EditionService.cs"
  "**/Features/Editions/EditionOpenData.cs"
)
mutate=()
if [[ " $* " != *" -m "* && " $* " != *" --mutate "* ]]; then
  for f in "${files[@]}"; do mutate+=(--mutate "$f"); done
fi

cd src/PartnershipPortal.Web
config=$(mktemp --suffix=.json)
trap 'rm -f "$config"' EXIT
printf '{ "stryker-config": { "coverage-analysis": "%s" } }\n' "${STRYKER_COVERAGE:-perTest}" > "$config"
start=$(date +%s)
# Test start and end reported while each test waits, and every portal seeding its own database
# (tests/…/Infrastructure/SynchronousTestFramework.cs, PortalFactory.StartsFromSeededTemplate).
export PORTAL_TESTS_MUTATION_RUN=1
nice -n 10 dotnet stryker \
  --config-file "$config" \
  --project PartnershipPortal.Web.csproj \
  --test-project ../../tests/PartnershipPortal.Tests/PartnershipPortal.Tests.csproj \
  "${mutate[@]}" \
  --concurrency "${STRYKER_CONCURRENCY:-2}" \
  --test-case-filter "${STRYKER_TEST_FILTER:-FullyQualifiedName!~RealProcessTests&FullyQualifiedName!~TwoInstancesTests&FullyQualifiedName!~BackupCommandTests&FullyQualifiedName!~UploadMemoryTests}" \
  --reporter html --reporter json --reporter cleartext --reporter progress \
  --output ../../StrykerOutput/"$(date -u +%Y-%m-%dT%H-%M-%S)" \
  --skip-version-check \
  "$@"
echo "Mutation run took $(( ($(date +%s) - start) / 60 )) min"
