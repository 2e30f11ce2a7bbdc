"""Whether two versions of kano store the same responses for the same surveys.

    PYTHONPATH=OLD_TREE python benchmarks/check_stored.py dump before.json FILE...
    python benchmarks/check_stored.py dump after.json FILE...
    python benchmarks/check_stored.py compare before.json after.json

``dump`` imports each survey file into a new project with the kano on ``sys.path`` (a
file named ``wave-*`` after another of the same folder goes into that folder's project,
as a second wave) and records, per file, the problems the import refused it with, or the
stored data file's sha256, schema and schema metadata. ``compare`` prints every
difference and exits 1 if there is one. For changes to the import's path (issue 18): the
stored file must be byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path


def dump(out: Path, files: list[Path]) -> None:
    import pyarrow as pa

    from kano_tui.errors import KanoError
    from kano_tui.session.workspace import Workspace

    results: dict[str, object] = {}
    projects: dict[Path, Workspace] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for number, path in enumerate(files):
            key = path.parent if path.name.startswith("wave-") else path
            workspace = projects.get(key)
            if workspace is None:
                workspace = Workspace.create(Path(scratch) / f"p{number}")
                projects[key] = workspace
            try:
                prepared = workspace.prepare_import(path)
                problems = list(prepared.problems)
                if problems or prepared.already_imported:
                    results[str(path)] = {"problems": problems}
                    continue
                record = workspace.commit_import(prepared)
            except KanoError as error:
                results[str(path)] = {"error": str(error)}
                continue
            stored = workspace.directory / record.data_file
            with pa.memory_map(str(stored)) as source:
                schema = pa.ipc.open_file(source).schema
            results[str(path)] = {
                "sha256": hashlib.sha256(stored.read_bytes()).hexdigest(),
                "schema": schema.to_string(show_schema_metadata=False),
                "metadata": {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()},
                "features": [f.id for f in workspace.project.features],
            }
    out.write_text(json.dumps(results, indent=1))
    print(f"{len(results)} surveys -> {out}")


def compare(before: Path, after: Path) -> int:
    old, new = json.loads(before.read_text()), json.loads(after.read_text())
    differences = 0
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            differences += 1
            print(f"DIFFERS {name}:\n  before {old.get(name)}\n  after  {new.get(name)}")
    print(f"{len(old)} surveys compared, {differences} differ")
    return 1 if differences else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        dump(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
    elif sys.argv[1:2] == ["compare"]:
        raise SystemExit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        raise SystemExit(__doc__)
