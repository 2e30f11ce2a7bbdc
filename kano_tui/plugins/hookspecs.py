"""The hooks a kano-tui plugin can implement.

Each hook receives a ``register`` callback and calls it once per thing it provides, the
way llm's ``register_models`` does. The built-in classifiers, importers and exporters use
exactly these hooks (see ``kano_tui.plugins.builtin``). ``docs/plugins.md`` has a complete
example of each.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "kano_tui"
ENTRY_POINT_GROUP = "kano_tui"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_classifiers(register):  # type: ignore[no-untyped-def]
    """Register Kano classifiers.

    Call ``register(classifier)`` for each object implementing
    :class:`kano_tui.plugins.protocols.Classifier`: a ``name`` (what
    ``kano analyze --classifier NAME`` takes), a one-line ``description`` and
    ``classify(figures, settings) -> pandas.Series`` mapping each feature id (the
    index of ``figures``) to one of ``A O M I R Q`` (or ``None`` when undecidable).
    """


@hookspec
def register_importers(register):  # type: ignore[no-untyped-def]
    """Register survey importers.

    Call ``register(importer)`` for each object implementing
    :class:`kano_tui.plugins.protocols.Importer`: a ``name``, a ``description``, the file
    ``extensions`` it reads, ``sniff(path, head) -> bool`` telling whether it recognises a
    file from its first bytes, and ``read(path, options) -> SurveyTable``.
    """


@hookspec
def register_exporters(register):  # type: ignore[no-untyped-def]
    """Register exporters (reports, data, questionnaires).

    Call ``register(exporter)`` for each object implementing
    :class:`kano_tui.plugins.protocols.Exporter`: a ``name``, a ``description``, the
    default file ``extension`` and ``export(context, destination) -> list[Path]``,
    which writes the files and returns their paths.
    """
