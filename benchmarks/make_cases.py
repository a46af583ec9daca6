"""Write a batch of generated cases to a file: a cases document (JSON) or JSON Lines.

The cases are ``bench_assess.generate``'s mix (every channel and kind, logs of 0 to 8 events
with follow-ups, half of them closed), seeded, so the same arguments write the same file. JSON
Lines are written one line at a time; a cases document is built whole, as ``dump_cases`` does.

Run: ``python benchmarks/make_cases.py 20000 /tmp/cases.jsonl`` (the format follows the name:
``.jsonl`` or ``.ndjson`` for JSON Lines, anything else a cases document), or give
``--format json|jsonl``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import sys
from typing import Any

from expandit_policy import Case, dump_cases, to_json_lines

HERE = pathlib.Path(__file__).resolve().parent


def _bench_assess() -> Any:
    spec = importlib.util.spec_from_file_location("bench_assess", HERE / "bench_assess.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cases(count: int, seed: int = 20260302) -> list[Case]:
    """``count`` generated cases (this script holds them; the commands that read the file
    need not)."""
    generate: Any = _bench_assess().generate
    made: list[Case] = generate(count, seed)
    return made


def write(count: int, path: str, fmt: str, seed: int = 20260302) -> int:
    """Write ``count`` cases to ``path`` in ``fmt`` ('json' or 'jsonl'); the bytes written."""
    with open(path, "w", encoding="utf-8") as out:
        if fmt == "jsonl":
            for line in to_json_lines(cases(count, seed)):
                out.write(line)
        else:
            json.dump(dump_cases(cases(count, seed)), out)
        return out.tell()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many cases")
    parser.add_argument("path", help="the file to write")
    parser.add_argument("--format", choices=["json", "jsonl"], help="by the file name when not given")  # fmt: skip
    parser.add_argument("--seed", type=int, default=20260302)
    args = parser.parse_args(argv)
    fmt = args.format or ("jsonl" if args.path.endswith((".jsonl", ".ndjson")) else "json")
    size = write(args.count, args.path, fmt, args.seed)
    print(f"{args.count:,} cases, {size:,} bytes of {fmt} in {args.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
