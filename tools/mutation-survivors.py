#!/usr/bin/env python3
"""Turns a Stryker report's survivors into a mutate pattern for tools/mutation.sh, to run them again.

Usage: tools/mutation-survivors.py StrykerOutput/<run> FileName.cs
Prints "**/path/FileName.cs{start..end}...": the character spans of the current file that hold the report's
survivors, mutants without coverage and compile errors (their whole lines, followed through a diff to the current
text), and every line changed since the run. Stryker mutates only the mutants whose span lies inside one of them:
  STRYKER_COVERAGE=off tools/mutation.sh -m "$(tools/mutation-survivors.py StrykerOutput/<run> FileName.cs)"
"""
import difflib, glob, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
run, name = sys.argv[1], sys.argv[2]
report = json.load(open(glob.glob(os.path.join(run, '**', 'mutation-report.json'), recursive=True)[0]))
reported = [f for p, f in report['files'].items() if p.endswith('/' + name)][0]
current_path = glob.glob(os.path.join(root, 'src', '**', name), recursive=True)[0]
# Stryker reads the file as text: offsets count characters of the decoded text, line ends as they are
current = open(current_path, encoding='utf-8-sig', newline='').read().splitlines(True)
old = reported['source'].splitlines(True)

moved, changed = {}, set()
for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, current, autojunk=False).get_opcodes():
    if tag == 'equal':
        moved.update({i1 + k + 1: j1 + k + 1 for k in range(i2 - i1)})
    else:
        changed.update(range(j1 + 1, j2 + 1))

wanted = set(changed)
for mutant in reported['mutants']:
    if mutant['status'] in ('Survived', 'NoCoverage', 'CompileError'):
        for line in range(mutant['location']['start']['line'], mutant['location']['end']['line'] + 1):
            if line in moved:
                wanted.add(moved[line])

starts = [0]
for line in current:
    starts.append(starts[-1] + len(line))
spans = []
for line in sorted(wanted):
    start, end = starts[line - 1], starts[line]
    if spans and spans[-1][1] >= start:
        spans[-1][1] = end
    else:
        spans.append([start, end])

web = os.path.join(root, 'src', 'PartnershipPortal.Web')
print('**/' + os.path.relpath(current_path, web) + ''.join('{%d..%d}' % (a, b) for a, b in spans))
