#!/usr/bin/env python3
"""One mutant checked by hand, in minutes rather than a Stryker run's hours.

Usage: tools/mutant-check.py FILE OLD NEW TEST_FILTER
  FILE         a path under the repository, e.g. src/PartnershipPortal.Web/Features/Payments/PaymentService.cs
  OLD, NEW     the text to replace (found exactly once in FILE; \\n for a line break) and its mutant
  TEST_FILTER  a dotnet test filter, e.g. "FullyQualifiedName~ScheduleLineTests"

The working tree (committed or not) is copied to a scratch tree (MUTANT_TREE, /tmp/mutant-check by default), the
mutant applied there, the filtered tests run; the last line says KILLED, SURVIVED or BUILD ERROR. The repository
itself is never changed. One check at a time per scratch tree: two would build over each other.
"""
import os
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    path, old, new, test_filter = sys.argv[1:5]
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    tree = os.environ.get("MUTANT_TREE", "/tmp/mutant-check")
    tracked = subprocess.run(["git", "ls-files", "-c", "src", "tests", "Directory.Build.props", "Directory.Packages.props", "global.json"],
                             cwd=root, capture_output=True, text=True, check=True).stdout.split()
    for rel in tracked:
        source, target = os.path.join(root, rel), os.path.join(tree, rel)
        if not os.path.exists(source):
            continue
        data = open(source, "rb").read()
        if not os.path.exists(target) or open(target, "rb").read() != data:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "wb").write(data)

    mutated = os.path.join(tree, path)
    text = open(mutated, encoding="utf-8").read()
    if text.count(old) != 1:
        print(f"OLD found {text.count(old)} times in {path}: it must be found once")
        return 2
    open(mutated, "w", encoding="utf-8").write(text.replace(old, new))
    try:
        run = subprocess.run(["dotnet", "test", "tests/PartnershipPortal.Tests", "-p:TreatWarningsAsErrors=false", "--filter", test_filter],
                             cwd=tree, capture_output=True, text=True)
    finally:
        # The next check starts from the product's text.
        open(mutated, "w", encoding="utf-8").write(text)
    output = run.stdout + run.stderr
    print("\n".join(line for line in output.splitlines() if line.strip().startswith(("Failed ", "Passed!", "Failed!")))[:2000])
    if "Failed!" in output:
        print("KILLED")
    elif "Passed!" in output:
        print("SURVIVED")
    else:
        print("BUILD ERROR (or no test matched the filter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
