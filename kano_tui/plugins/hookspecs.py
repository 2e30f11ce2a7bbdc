"""The hooks a kano-tui plugin can implement.

Each hook receives a ``register`` callback and calls it once per thing it provides, the
way llm's ``register_models`` does. The built-in classifiers, importers and exporters use
exactly these hooks (``kano_tui.plugins.builtin.DEFAULT_PLUGINS``). ``docs/plugins.md``
has a complete example of each; ``tests/plugins/test_hook_docs.py`` fails when a hook
below is missing from the guide or has no test of its own.

A plugin can say which plugin API it was written for with a module-level
``kano_api = ">=1,<2"`` (a version specifier, or a plain integer for exactly that
version); :data:`KANO_PLUGIN_API` is the version this kano provides. It changes only
when a change would break existing plugins; new hooks and new optional attributes
do not change it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

PROJECT_NAME = "kano_tui"
ENTRY_POINT_GROUP = "kano_tui"
KANO_PLUGIN_API = 1

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_classifiers(register: Callable[[Any], None]) -> None:
    """Register Kano classifiers.

    Call ``register(classifier)`` once for each object implementing
    :class:`kano_tui.plugins.protocols.Classifier`:

    - ``name``: what ``kano analyze --classifier NAME`` and the TUI's classifier
      switcher use; unique among classifiers;
    - ``description``: one line shown by ``kano plugins`` and the command palette;
    - ``classify(figures, settings) -> pandas.Series``: ``figures`` has one row per
      feature (index: feature id) and the columns of
      :data:`kano_tui.plugins.FIGURES`; return a Series indexed by feature id holding, for
      every feature, one of ``"A" "O" "M" "I" "R" "Q"`` or ``None`` when the figures do
      not decide.
      ``settings`` is the project's :class:`~kano_tui.plugins.Settings`. The
      figures also carry ``pair_FD`` (the 25 answer-pair counts, F, D = 1..5),
      ``figures.attrs["group"]`` (``{"by": COLUMN, "value": VALUE}`` on grouped calls,
      None overall) and ``figures.attrs["options"]`` (your plugin's option values,
      :func:`register_options`).

    A classifier that raises, or returns anything else, is reported and disabled (that
    classifier only: the plugin's other objects stay).
    """


@hookspec
def register_evaluation_tables(register: Callable[[Any], None]) -> None:
    """Register evaluation tables: which Kano category each answer pair is.

    Call ``register(table)`` once for each object with:

    - ``name``: what ``kano analyze --table NAME``, ``[settings] evaluation_table`` and the
      TUI's table switcher use; unique among tables (``standard`` and ``pouliot`` are
      built in);
    - ``description``: one line shown by ``kano plugins`` and the command palette;
    - ``rows``: five strings of five letters from ``A O M I R Q``, one row per functional
      answer (like, expect, neutral, tolerate, dislike), one letter per dysfunctional
      answer in the same order (:class:`kano_tui.plugins.EvaluationTable` is a
      ready dataclass).

    A table whose rows are not five rows of five category letters is reported and its
    plugin disabled.
    """


@hookspec
def register_importers(register: Callable[[Any], None]) -> None:
    """Register survey importers.

    Call ``register(importer)`` once for each object implementing
    :class:`kano_tui.plugins.protocols.Importer`:

    - ``name`` (what ``kano import --importer NAME`` takes) and ``description``;
    - ``extensions``: the lower-case file extensions it reads, with the dot;
    - ``sniff(path, head) -> bool``: whether it recognises the file from ``head``, the
      file's first bytes (kano asks every importer of that extension, first yes wins);
    - ``read(path, options) -> SurveyTable``: the survey as a
      :class:`~kano_tui.plugins.SurveyTable`, answers left as the file wrote them
      (the core reads wordings and codes, so every importer gets the same checks). Raise
      :class:`~kano_tui.plugins.SurveyImportError` with one sentence naming the file, row
      and column for bad input; never modify the file. ``options.plugin_options`` holds
      your plugin's option values; when you rename columns, give ``SurveyTable``
      ``source_columns`` (new name -> the file's) so that kano's errors name the
      file's own column.
    """


@hookspec
def register_exporters(register: Callable[[Any], None]) -> None:
    """Register exporters: reports, data files, questionnaires.

    Call ``register(exporter)`` once for each object implementing
    :class:`kano_tui.plugins.protocols.Exporter`:

    - ``name`` (what ``kano export --exporter NAME`` takes) and ``description``;
    - ``extension``: the default file extension, with the dot (``".md"``);
    - ``export(context, destination) -> list[Path]``: write to ``destination`` and
      return every file written. ``context`` is an
      :class:`~kano_tui.plugins.ExportContext`: ``context.project``,
      ``context.analysis()``, ``context.backlog()``, ``context.table()`` (the
      evaluation table), ``context.settings``, ``context.plugin_options`` (your
      plugin's option values), ``context.options`` (the export's choices, e.g.
      ``{"by": COLUMN}``) and ``context.workspace``.

    Exports run in a worker thread in the TUI; a long export should call
    ``context.check_cancelled()`` now and then so that the user can cancel it.
    """


@hookspec
def register_options(register: Callable[[Any], None]) -> None:
    """Declare the plugin's own settings: ``[plugins.PLUGIN]`` in kano.toml.

    Call ``register(option)`` once per setting, with a
    :class:`kano_tui.plugins.options.PluginOption`: ``name``, ``type`` (``bool``,
    ``int``, ``float`` or ``str``), ``default``, ``help``, and optionally ``choices``,
    ``minimum``, ``maximum``. kano checks what users set in kano.toml and with
    ``--option PLUGIN.KEY=VALUE`` against them (a wrong value is one sentence naming the
    line, key and value), lists them in ``kano plugins`` and lets users edit them in the
    TUI's Plugins screen. PLUGIN is the plugin's name (its entry point's name).

    The values, defaults filled in, reach the plugin's objects: a classifier reads
    ``figures.attrs["options"]``, an exporter ``context.plugin_options``, an importer
    ``options.plugin_options``, a panel ``context.options``.
    """


@hookspec
def register_commands(register: Callable[[Any], None]) -> None:
    """Add ``kano`` subcommands.

    Call ``register(command)`` once per :class:`click.Command` (or ``click.Group``);
    ``command.name`` is the subcommand (``kano NAME``), its help the line shown in
    ``kano --help`` (under "Plugin commands") and ``kano plugins``. A command cannot
    replace a built-in one: a plugin registering ``analyze`` is reported and disabled.
    A command that raises is reported as the plugin's failure (exit 1, one sentence),
    never as kano's internal error; raise :class:`~kano_tui.errors.KanoError` for a
    clear message about bad input. Open a project with
    ``kano_tui.session.workspace.Workspace.open(path)``.
    """


@hookspec
def register_panels(register: Callable[[Any], None]) -> None:
    """Add tabs to the TUI's Analysis screen.

    Call ``register(panel)`` once for each object with:

    - ``name``: unique among panels; ``title``: the tab's label (keep it short);
    - ``description``: one line for ``kano plugins``;
    - ``render(analysis, context) -> renderable``: a Rich renderable (a
      ``rich.table.Table``, ``rich.text.Text``, a string...) drawn from ``analysis``
      (the :class:`~kano_tui.engine.analysis.figures.Analysis` the screen shows, for the
      classifier, table, segment and wave the user chose) and ``context``
      (:class:`kano_tui.plugins.reach.PanelContext`: ``options``, the plugin's option
      values; ``settings``, the project's ``[settings]``; ``project``).

    ``render`` runs in a worker thread each time the analysis changes. It must not
    import Textual; a panel that raises is reported and its plugin disabled.
    """
