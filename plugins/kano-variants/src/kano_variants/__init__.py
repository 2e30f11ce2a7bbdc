"""kano-variants: published Kano classification variants, read from the answer pairs.

A first-party kano-tui plugin (entry point ``variants``) and the worked example of
``docs/plugins.md``: it uses every reach a plugin has.

- classifiers ``modified-mode`` (Pouliot's modified reading of the answer pairs) and
  ``fong`` (the mode, kept where Fong's test separates it from the runner-up), both
  computed from the figures' ``pair_FD`` counts;
- options ``[plugins.variants] z``, ``fallback`` and ``min_n`` (``--option
  variants.z=1.96``), which the classifiers read from ``figures.attrs["options"]``;
- the command ``kano variants PROJECT``: every feature under each reading, side by side;
- the panel "Variants" on the TUI's Analysis screen: the same table.

The method and its references are in :mod:`kano_variants.method`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from kano_tui.plugins import PluginOption, hookimpl

if TYPE_CHECKING:  # pandas loads when a classifier runs, not with the plugins (docs/startup.md)
    import pandas as pd

__version__ = "0.1.0"
kano_api = ">=1,<2"

DEFAULTS: dict[str, Any] = {"z": 1.65, "fallback": "none", "min_n": 0}


def _options(figures: pd.DataFrame) -> dict[str, Any]:
    """The plugin's option values kano handed over (defaults for an older kano)."""
    return {**DEFAULTS, **(figures.attrs.get("options") or {})}


def _too_few(categories: pd.Series, figures: pd.DataFrame, min_n: int) -> pd.Series:
    return categories.where(figures["n"] >= min_n, None) if min_n else categories


@dataclass(frozen=True)
class ModifiedModeClassifier:
    """The mode over the answer pairs read with Pouliot's modified table."""

    name: str = "modified-mode"
    description: str = "Mode of the pairs read with Pouliot's modified table (same answer twice: Q)"

    def classify(self, figures: pd.DataFrame, settings: Any) -> pd.Series:
        from kano_variants import method

        options = _options(figures)
        categories = method.mode(method.recount(figures, method.MODIFIED_ROWS))
        return _too_few(categories, figures, options["min_n"])


@dataclass(frozen=True)
class FongClassifier:
    """The mode where Fong's (1996) test separates it from the runner-up."""

    name: str = "fong"
    description: str = "Mode kept where Fong's test separates the top two (z: [plugins.variants])"

    def classify(self, figures: pd.DataFrame, settings: Any) -> pd.Series:
        from kano_variants import method

        options = _options(figures)
        counts = method.recount(figures, method.STANDARD_ROWS)
        categories = method.fong(counts, options["z"], options["fallback"])
        return _too_few(categories, figures, options["min_n"])


COLUMNS: tuple[str, ...] = (
    "feature",
    "name",
    "n",
    "mode",
    "modified",
    "fong",
    "share",
    "fong_margin",
)


def compare_readings(analysis: Any, options: dict[str, Any]) -> pd.DataFrame:
    """Per feature of the analysis (overall), its category under each reading: the
    standard mode, the modified mode and Fong's, with the leader's share and Fong's
    margin (>= 0: significant)."""
    import pandas as pd

    from kano_variants import method

    options = {**DEFAULTS, **options}
    figures = analysis.overall.copy(deep=False)
    figures.attrs = {**figures.attrs, "options": options}
    standard = method.recount(figures, method.STANDARD_ROWS)
    table = pd.DataFrame(
        {
            "feature": figures.index,
            "name": [analysis.feature_names.get(f, f) for f in figures.index],
            "n": figures["n"].to_numpy(),
            "mode": method.mode(standard).to_numpy(),
            "modified": ModifiedModeClassifier().classify(figures, None).to_numpy(),
            "fong": FongClassifier().classify(figures, None).to_numpy(),
            "share": method.share(standard).round(3).to_numpy(),
            "fong_margin": method.fong_margin(standard, options["z"]).round(2).to_numpy(),
        }
    )
    return table


def rich_table(table: pd.DataFrame, title: str) -> Any:
    """The readings as a Rich table (the panel and the command's table format)."""
    from rich.table import Table

    shown = Table(title=title, title_justify="left", expand=False)
    for column in ("name", "n", "mode", "modified", "fong", "share", "fong_margin"):
        shown.add_column(
            {"fong_margin": "margin", "name": "feature"}.get(column, column),
            justify="left" if column == "name" else "right",
            overflow="fold",
        )
    for row in table.itertuples(index=False):
        shown.add_row(
            str(row.name),
            str(int(row.n)),
            *(_letter(v) for v in (row.mode, row.modified, row.fong)),
            _number(row.share),
            _number(row.fong_margin),
        )
    return shown


def _letter(value: Any) -> str:
    return "–" if value is None or value != value else str(value)


def _number(value: Any) -> str:
    return "–" if value is None or value != value else f"{value:.2f}"


@dataclass(frozen=True)
class VariantsPanel:
    """The Analysis screen's "Variants" tab."""

    name: str = "variants"
    title: str = "Variants"
    description: str = "Each feature under the standard, modified and Fong readings"

    def render(self, analysis: Any, context: Any) -> Any:
        z = {**DEFAULTS, **context.options}["z"]
        return rich_table(
            compare_readings(analysis, context.options),
            f"Readings of the answer pairs (Fong z = {z})",
        )


@click.command("variants")
@click.argument("project", type=click.Path(file_okay=False, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--option",
    "overrides",
    multiple=True,
    metavar="variants.KEY=VALUE",
    help="An option of this plugin for this run (repeatable).",
)
def variants_command(project: str, fmt: str, overrides: tuple[str, ...]) -> None:
    """Every feature under the standard, modified and Fong readings, side by side."""
    from kano_tui.plugins.options import parse_overrides
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.open(project)
    workspace.option_overrides = tuple(parse_overrides(overrides))
    options = workspace.plugin_options().of("variants")
    table = compare_readings(workspace.analyze("mode"), options)
    if fmt == "json":
        records = json.loads(table.to_json(orient="records"))
        click.echo(
            json.dumps({"options": options, "features": records}, indent=2, ensure_ascii=False)
        )
        return
    from rich.console import Console

    Console(highlight=False).print(rich_table(table, f"Readings (Fong z = {options['z']})"))


@hookimpl
def register_classifiers(register):  # type: ignore[no-untyped-def]
    register(ModifiedModeClassifier())
    register(FongClassifier())


@hookimpl
def register_options(register):  # type: ignore[no-untyped-def]
    register(
        PluginOption(
            "z",
            float,
            DEFAULTS["z"],
            minimum=0.0,
            maximum=10.0,
            help="Fong's critical value: 1.65 is 90% two-sided, 1.96 is 95%",
        )
    )
    register(
        PluginOption(
            "fallback",
            str,
            DEFAULTS["fallback"],
            choices=("none", "priority"),
            help="fong, where the top two are not separated: leave undecided "
            "(none) or take M > O > A > I > R (priority)",
        )
    )
    register(
        PluginOption(
            "min_n",
            int,
            DEFAULTS["min_n"],
            minimum=0,
            help="Leave features with fewer respondents undecided",
        )
    )


@hookimpl
def register_commands(register):  # type: ignore[no-untyped-def]
    register(variants_command)


@hookimpl
def register_panels(register):  # type: ignore[no-untyped-def]
    register(VariantsPanel())
