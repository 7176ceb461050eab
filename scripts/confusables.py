"""Write src/coopcli/confusables.txt, the table of `textfold.skeleton`, from Unicode's
confusables.txt (https://www.unicode.org/Public/security/latest/confusables.txt):

    python scripts/confusables.py PATH/TO/confusables.txt

It keeps what a skeleton needs, each prototype and the characters that map to it (in
hex), and drops the names and comments; the header keeps the file's version and date and
Unicode's copyright and permission notice, which must travel with the data.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "src" / "coopcli" / "confusables.txt"
NOTICE = """\
# Permission is hereby granted, free of charge, to any person obtaining a copy of data
# files and any associated documentation (the "Data Files") or software and any associated
# documentation (the "Software") to deal in the Data Files or Software without
# restriction, including without limitation the rights to use, copy, modify, merge,
# publish, distribute, and/or sell copies of the Data Files or Software, and to permit
# persons to whom the Data Files or Software are furnished to do so, provided that either
# (a) this copyright and permission notice appear with all copies of the Data Files or
# Software, or (b) this copyright and permission notice appear in associated
# Documentation.
#
# THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
# OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR
# A PARTICULAR PURPOSE AND NONINFRINGEMENT OF THIRD PARTY RIGHTS.
#
# IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS NOTICE BE LIABLE FOR
# ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL DAMAGES, OR ANY DAMAGES WHATSOEVER
# RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,
# NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
# PERFORMANCE OF THE DATA FILES OR SOFTWARE.
#
# Except as contained in this notice, the name of a copyright holder shall not be used in
# advertising or otherwise to promote the sale, use or other dealings in these Data Files
# or Software without prior written authorization of the copyright holder.
#
# SPDX-License-Identifier: Unicode-3.0
"""


def main(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    version = re.search(r"^# Version: (\S+)", text, re.M)
    date = re.search(r"^# Date: (\d{4}-\d\d-\d\d)", text, re.M)
    copyright_line = re.search(r"^# (© \d{4} Unicode.*)$", text, re.M)
    assert version and date and copyright_line, "not Unicode's confusables.txt"
    sources: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if mapping := re.match(r"([0-9A-F]{4,6}) ;\t([0-9A-F ]+?) ;\tMA\t", line):
            sources[mapping[2]].append(mapping[1])
    count = sum(map(len, sources.values()))
    assert f"# total: {count}" in text, "the mappings are not the file's total"
    lines = [
        f"{prototype};{' '.join(sorted(chars, key=lambda char: int(char, 16)))}"
        for prototype, chars in sorted(sources.items())
    ]
    header = f"""\
# The prototypes of Unicode's confusables.txt, Version {version[1]} ({date[1]}), the data
# of UTS #39 (Unicode Security Mechanisms, https://www.unicode.org/reports/tr39), for
# coopcli.textfold.skeleton: on each line a prototype, then the characters confusable
# with it, in hex ({count:,} of them). Written by scripts/confusables.py.
#
# {copyright_line[1]}
# Unicode License v3 (https://www.unicode.org/license.txt):
#
{NOTICE}"""
    TARGET.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}: {count:,} characters, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
