#!/usr/bin/env python3
"""Lists the French texts (the localization keys) used by the portal and the ones missing from the Arabic and English
resource files.

    python3 tools/l10n.py missing            # keys without a translation, per language
    python3 tools/l10n.py add ar FILE.tsv    # merge "key<TAB>translation" lines into Resources/SharedResource.ar.resx
    python3 tools/l10n.py normalize          # rewrite both files sorted, one entry per key (run after a merge)

The keys are found the same way the test Localization/ResourceCompletenessTests finds them."""
import html
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "PartnershipPortal.Web"
RESOURCES = WEB / "Resources"
STRING = r'"((?:[^"\\]|\\.)*)"'
PATTERNS = [
    re.compile(r'(?<![\w.])(?:L|l|Localizer|localizer|_localizer|T)\[\s*' + STRING),
    re.compile(r'ErrorMessage\s*=\s*' + STRING),
    re.compile(r'\[Display\([^\]]*?Name\s*=\s*' + STRING),
    re.compile(r'Localize\(\s*' + STRING),
    # Counted phrases: Quantity(n, "{0} projet", "{0} projets").
    re.compile(r'Quantity\([^,;]+,\s*' + STRING),
    re.compile(r'Quantity\([^,;]+,\s*"[^"]*",\s*' + STRING),
    # Switch arms that name an enum member or constant (RecordText, RoleLabels, the audit actions): their French labels
    # reach the page through L[...] at the call site. The currency names of PortalFormat are not keys.
    # Messages translated where they are shown: a field error of a service (errors[...] = "...", localized by the
    # controller) and the success message handed to UsersController.Outcome.
    re.compile(r'errors\[[^\]]*\]\s*=\s*' + STRING),
    re.compile(r'Outcome\([^;]*?,\s*' + STRING + r'\)'),
    re.compile(r'(?m)^\s*(?:(?!PortalCultures\.)[A-Z]\w*\.\w+|_)\s*=>\s*' + STRING),
]


def unescape(text):
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") if "\\" in text else text


def keys():
    found = set()
    for path in list(WEB.rglob("*.cshtml")) + list(WEB.rglob("*.cs")):
        if "/bin/" in str(path) or "/obj/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                found.add(unescape(match.group(1)))
    return found


def read_resx(language):
    path = RESOURCES / f"SharedResource.{language}.resx"
    if not path.exists():
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.findtext("value") or "") for d in tree.getroot().findall("data")}


HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def write_resx(language, entries):
    path = RESOURCES / f"SharedResource.{language}.resx"
    lines = [HEADER]
    for key in sorted(entries):
        lines.append(f'  <data name="{html.escape(key, quote=False).replace(chr(34), "&quot;")}" xml:space="preserve"><value>{html.escape(entries[key], quote=False)}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if command == "missing":
        used = keys()
        for language in ("ar", "en"):
            have = read_resx(language)
            missing = sorted(k for k in used if not have.get(k))
            print(f"# {language}: {len(missing)} missing of {len(used)}")
            for key in missing:
                print(key)
    elif command == "add":
        language, tsv = sys.argv[2], sys.argv[3]
        entries = read_resx(language)
        for line in pathlib.Path(tsv).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                key, value = line.split("\t", 1)
                entries[key] = value
        write_resx(language, entries)
    elif command == "normalize":
        # The union merge of .gitattributes keeps both sides' lines: a key added on two branches appears twice, once
        # per escaping. Reading keeps one entry per key; writing restores the sorted, single-escaped form.
        for language in ("ar", "en"):
            write_resx(language, read_resx(language))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
