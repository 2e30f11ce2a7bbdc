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
      ``settings`` is the project's :class:`~kano_tui.plugins.Settings`; your
      own options live in ``settings.extra`` (unknown ``[settings]`` keys of kano.toml).

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
      and column for bad input; never modify the file.
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
      ``context.analysis()``, ``context.workspace.responses()``, ``context.options``.

    Exports run in a worker thread in the TUI; a long export should call
    ``context.check_cancelled()`` now and then so that the user can cancel it.
    """
