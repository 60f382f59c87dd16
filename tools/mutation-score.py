#!/usr/bin/env python3
"""The mutation score of tools/mutation.sh's files, put together from several Stryker runs.

Usage: tools/mutation-score.py [--survivors] StrykerOutput/<run> [StrykerOutput/<run> ...]
On two cores the list is measured a few files at a time (tools/mutation.sh -m ...): each file's figures are taken from
the newest of the given runs that tested it (the runs' folder names are their start times), and the total is the sum of
those. Score as Stryker counts it: detected (killed or timed out) over detected, survived and without coverage;
mutants that did not compile or that a run left aside are not counted. With --survivors, each file's surviving and
uncovered mutants follow its line, with their line and the text they changed.
"""
import collections, glob, json, os, sys

args = [a for a in sys.argv[1:] if a != '--survivors']
show = '--survivors' in sys.argv[1:]
if not args:
    sys.exit(__doc__)

tested = ('Killed', 'Timeout', 'Survived', 'NoCoverage')
newest = {}
for run in sorted(args, key=lambda r: os.path.basename(os.path.normpath(r))):
    reports = glob.glob(os.path.join(run, '**', 'mutation-report.json'), recursive=True)
    if not reports:
        print(f'{run}: no report (a run writes it only at its end)', file=sys.stderr)
        continue
    for path, data in json.load(open(reports[0], encoding='utf-8'))['files'].items():
        if any(m['status'] in tested for m in data['mutants']):
            newest[path.split('/src/')[-1].removeprefix('PartnershipPortal.Web/')] = (os.path.basename(os.path.normpath(run)), data)

total = collections.Counter()
print(f"{'file':<58} {'run':<20} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'no cov.':>7} {'score':>7}")
for path in sorted(newest):
    run, data = newest[path]
    counts = collections.Counter(m['status'] for m in data['mutants'] if m['status'] in tested)
    total.update(counts)
    counted = sum(counts.values())
    score = 100 * (counts['Killed'] + counts['Timeout']) / counted
    print(f"{path[-58:]:<58} {run:<20} {counted:>7} {counts['Killed']:>6} {counts['Timeout']:>7} {counts['Survived']:>8} {counts['NoCoverage']:>7} {score:>6.1f}%")
    if show:
        lines = data['source'].splitlines()
        for m in sorted(data['mutants'], key=lambda m: (m['location']['start']['line'], m['location']['start']['column'])):
            if m['status'] in ('Survived', 'NoCoverage'):
                line = m['location']['start']['line']
                print(f"    {m['status']:<10} L{line}: {m['mutatorName']}: {m.get('replacement', '')[:70]!r} | {lines[line - 1].strip()[:90]}")

counted = sum(total.values())
if counted:
    print(f"{'total':<58} {'':<20} {counted:>7} {total['Killed']:>6} {total['Timeout']:>7} {total['Survived']:>8} {total['NoCoverage']:>7} "
          f"{100 * (total['Killed'] + total['Timeout']) / counted:>6.1f}%")
