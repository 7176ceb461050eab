"""`python -m coopcli.generate`: write the files derived from the Pydantic models.

- `schema/countries.schema.json`, the JSON Schema (`coop schema` prints the same), which
  also carries what `coopcli.shape` reads at run time (the sections, the CSV columns);
- `data/countries.json`, the shipped dataset's records, validated here so that coop reads
  them at run time without validating.

A test regenerates both and fails on a difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The source checkout, where coop is installed from one in place (`pip install -e`)."""


def generated_files(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file of the source checkout `root` and the text it should have."""
    from coopcli.schema import dataset_schema
    from coopcli.validation import validate_bytes

    data = root / "data" / "countries.toml"
    records = validate_bytes(data.read_bytes(), str(data))
    schema = dataset_schema()
    return {
        root / "schema" / "countries.schema.json": json.dumps(schema, ensure_ascii=False, indent=2)
        + "\n",
        data.with_suffix(".json"): json.dumps(records, ensure_ascii=False, indent=1) + "\n",
    }


def main() -> int:
    """Write every generated file that differs; say which."""
    if not (ROOT / "pyproject.toml").is_file():
        print("python -m coopcli.generate runs in a source checkout of coop", file=sys.stderr)
        return 2
    for path, text in generated_files().items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
