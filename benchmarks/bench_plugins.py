"""What plugins cost: loading them, and classifying with one.

    .venv/bin/python benchmarks/bench_plugins.py

Prints medians (of --repeat runs) and ratios against a baseline:

- building the plugin manager with the built-ins only (the baseline), with every
  installed entry point as well, and with 20 single-file plugins in the user's plugins
  folder (the cost a user pays per plugin file);
- classifying the smartphone sample (two waves, ~800 respondents per feature) with the
  built-in ``mode`` (the baseline) and with the first-party ``bootstrap`` classifier
  (2000 resamples), overall and ``--by wave``;
- ``kano plugins`` as a separate process, cold (imports included).

Not a test: the figures depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_projects" / "smartphone"
USER_PLUGIN = """
from dataclasses import dataclass
import pandas as pd
from kano_tui.plugins import hookimpl

@dataclass(frozen=True)
class Constant:
    name: str = "constant-{i}"
    description: str = "every feature is I"
    def classify(self, figures, settings):
        return pd.Series("I", index=figures.index, dtype=object)

@hookimpl
def register_classifiers(register):
    register(Constant())
"""


def median_ms(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as config:
        os.environ["KANO_CONFIG_DIR"] = config  # no user plugins, trust or blocks
        from kano_tui.plugins.discovery import build_for_run
        from kano_tui.plugins.manager import build_plugins
        from kano_tui.session.workspace import Workspace

        build_plugins()  # warm the imports: we measure loading, not importing pandas
        base = median_ms(lambda: build_plugins(entry_points=False), args.repeat)
        installed = median_ms(build_plugins, args.repeat)
        folder = Path(config) / "plugins"
        folder.mkdir()
        for i in range(20):
            (folder / f"user_plugin_{i}.py").write_text(USER_PLUGIN.replace("{i}", str(i)))
        with_files = median_ms(build_for_run, args.repeat)
        loaded = build_for_run()
        print("plugin manager (ms, median)")
        print(f"  built-ins only            {base:8.1f}   1.00x")
        print(
            f"  + installed entry points  {installed:8.1f}   {installed / base:.2f}x  "
            f"({sum(i.origin == 'entry point' for i in loaded.infos.values())} plugins)"
        )
        print(
            f"  + 20 user plugin files    {with_files:8.1f}   {with_files / base:.2f}x  "
            f"({(with_files - installed) / 20:.2f} ms per file)"
        )

        workspace = Workspace.open(SAMPLE, build_plugins())
        workspace.responses()
        if "bootstrap" not in workspace.plugins.classifiers:
            print("kano-bootstrap is not installed (make install); skipping classifiers")
        else:
            print("classifying the smartphone sample (ms, median)")
            for by in (None, "wave"):
                mode = median_ms(lambda by=by: workspace.analyze("mode", by=by), args.repeat)
                boot = median_ms(lambda by=by: workspace.analyze("bootstrap", by=by), args.repeat)
                label = f"--by {by}" if by else "overall"
                print(f"  {label:<8} mode {mode:8.1f}   bootstrap {boot:8.1f}   {boot / mode:.1f}x")

        env = {**os.environ, "KANO_CONFIG_DIR": config}
        cold = median_ms(
            lambda: subprocess.run(
                [sys.executable, "-m", "kano_tui.cli.main", "plugins"],
                env=env,
                capture_output=True,
                check=True,
            ),
            max(3, args.repeat // 2),
        )
        print(f"`kano plugins`, cold process: {cold:.0f} ms (median)")


if __name__ == "__main__":
    main()
