"""An open project: its directory, its model, its responses and the plugins that work on it.

The CLI and the TUI both go through a :class:`Workspace`; neither touches files directly.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kano_tui.engine.project.lock import ProjectLock
from kano_tui.engine.project.model import ImportRecord, Project
from kano_tui.engine.project.projectfile import PROJECT_FILE, load_project, save_project
from kano_tui.errors import PluginError, ProjectError, SurveyImportError
from kano_tui.plugins.manager import Plugins, build_plugins

# pandas-heavy modules are imported where used: opening a project (the TUI's first
# paint) needs only kano.toml.
if TYPE_CHECKING:
    from kano_tui.engine.analysis.evaluation import EvaluationTable
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.analysis.run import BacklogItem
    from kano_tui.engine.importing import ingest
    from kano_tui.engine.importing.survey import ImportOptions
    from kano_tui.engine.project.model import Settings
    from kano_tui.engine.project.storage import Responses


class Workspace:
    """A project opened from ``directory``."""

    def __init__(self, directory: Path, project: Project, plugins: Plugins | None = None) -> None:
        self.directory = Path(directory)
        self.project = project
        self._plugins = plugins
        self._responses: Responses | None = None
        # Plugins and responses load on first use, possibly from worker threads (the TUI).
        self._plugin_factory: Callable[[], Plugins] = build_plugins
        # kind -> a manager of the built-in modules registering it (load_plugins_with's
        # ``built_ins``): a built-in name is found there without loading every plugin.
        self._built_in_factory: Callable[[str], Plugins] | None = None
        self._built_ins: dict[str, Plugins] = {}
        # One lock each: reading the respondents need not wait for the plugins to load.
        self._loading_plugins = threading.RLock()
        self._loading_responses = threading.RLock()
        self._lock = ProjectLock(self.directory)
        # The evaluation table analyses use when none is named: the TUI's switcher and an
        # export's --table set it; None is the project's setting.
        self.default_table: str | None = None
        # sha256 of the kano.toml this model was read from or last saved to (None: unknown),
        # so that a save never overwrites what another program wrote in between.
        self._disk_bytes: bytes | None = None

    # ----------------------------------------------------------------- lifecycle
    @classmethod
    def open(
        cls, directory: Path | str, plugins: Plugins | None = None, *, lock: bool = False
    ) -> Workspace:
        """Open a project; ``lock=True`` takes the write lock first and holds it until
        :meth:`close` (mutating CLI commands, the TUI). Raises ProjectLockedError when
        another kano process holds it."""
        directory = Path(directory)
        if not directory.is_dir():
            raise ProjectError(
                f"{directory} is not a kano project directory "
                f"(create one with `kano new {directory}`)."
            )
        project_lock = ProjectLock(directory)
        if lock and (directory / PROJECT_FILE).is_file():  # never litter a non-project
            project_lock.acquire()
        try:
            on_disk = _file_bytes(directory / PROJECT_FILE)  # before reading: errs safe
            workspace = cls(directory, load_project(directory), plugins)
        except BaseException:
            project_lock.release()
            raise
        workspace._lock = project_lock
        workspace._disk_bytes = on_disk
        return workspace

    @classmethod
    def create(
        cls,
        directory: Path | str,
        name: str | None = None,
        description: str = "",
        plugins: Plugins | None = None,
    ) -> Workspace:
        directory = Path(directory)
        try:
            if (directory / PROJECT_FILE).exists():
                raise ProjectError(f"{directory} already holds a kano project.")
            if directory.exists() and not directory.is_dir():
                raise ProjectError(f"{directory} exists and is not a directory.")
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectError(
                f"Could not create {directory}: {error.strerror or error}."
            ) from None
        project = Project.create(name or directory.resolve().name, description)
        workspace = cls(directory, project, plugins)
        workspace.save()
        return workspace

    def save(self) -> None:
        with self._writing():
            save_project(self.project, self.directory)

    # ----------------------------------------------------------------- write lock
    @property
    def locked(self) -> bool:
        """Whether this workspace holds the project's write lock."""
        return self._lock.held

    def lock(self) -> None:
        """Take the write lock and hold it until :meth:`close` (the TUI does, for its
        session); raises ProjectLockedError naming the process that holds it."""
        self._lock.acquire()

    def close(self) -> None:
        """Release the write lock, if held."""
        self._lock.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the write lock (briefly, unless held already) and refuse to overwrite a
        kano.toml that changed on disk since this workspace read it."""
        held_before = self._lock.held
        self._lock.acquire()
        try:
            path = self.directory / PROJECT_FILE
            if self._disk_bytes is not None and _file_bytes(path) != self._disk_bytes:
                raise ProjectError(
                    f"{path} was changed by another program after kano read it; nothing "
                    "was saved (open the project again to see that change)."
                )
            yield
            self._disk_bytes = _file_bytes(path)
        finally:
            if not held_before:
                self._lock.release()

    @property
    def plugins(self) -> Plugins:
        if self._plugins is None:
            with self._loading_plugins:
                if self._plugins is None:
                    self._plugins = self._plugin_factory()
        return self._plugins

    @plugins.setter
    def plugins(self, plugins: Plugins) -> None:
        self._plugins = plugins

    def load_plugins_with(
        self,
        factory: Callable[[], Plugins],
        *,
        built_ins: Callable[[str], Plugins] | None = None,
    ) -> None:
        """Build the plugins with ``factory`` on first use rather than now (the TUI paints
        first, then loads plugins in a worker).

        With ``built_ins`` (``manager.build_built_ins``; the CLI's), a classifier,
        evaluation table, importer or exporter named like a built-in one is taken from a
        manager of only the built-in modules of its kind, and ``factory`` runs only when
        something else is needed (:meth:`plugins_with`, docs/startup.md)."""
        self._plugins = None
        self._plugin_factory = factory
        self._built_in_factory = built_ins
        self._built_ins = {}

    def _built_in_plugins(self, kind: str) -> Plugins | None:
        """The manager of the built-ins registering ``kind``, while every plugin is not
        loaded and scoped loading is on; None otherwise, and when plugins are configured
        (their ``[plugins.*]`` options are then checked by every command, as before)."""
        if self._plugins is not None or self._built_in_factory is None:
            return None
        if self.configures_plugins:
            return None
        with self._loading_plugins:
            if kind not in self._built_ins:
                self._built_ins[kind] = self._built_in_factory(kind)
            return self._built_ins[kind]

    def plugins_with(self, kind: str, name: str) -> Plugins:
        """The plugin manager to find the ``kind`` called ``name`` in (and to guard it
        with): only the built-ins of that kind when ``name`` is a built-in one (no plugin
        can take a built-in's name, so the answer is the same), else every plugin."""
        built_in = self._built_in_plugins(kind)
        if built_in is not None and name in built_in.registry[kind]:
            return built_in
        return self.plugins

    def exporter(self, name: str) -> Any:
        """The exporter called ``name``; a KanoError naming the choices if none."""
        return self.plugins_with("exporter", name).exporter(name)

    # ----------------------------------------------------------------- responses
    def responses(self) -> Responses:
        if self._responses is None:
            from kano_tui.engine.project.storage import load_responses

            with self._loading_responses:  # two threads asking at once load once
                if self._responses is None:
                    self._responses = load_responses(self.project, self.directory)
        return self._responses

    def forget_responses(self) -> None:
        self._responses = None

    # ----------------------------------------------------------------- analysis
    def classifier(self, name: str | None = None) -> Any:
        wanted = name or self.project.settings.classifier
        return self.plugins_with("classifier", wanted).classifier(wanted)

    def evaluation_tables(self, *, wait: bool = True) -> dict[str, EvaluationTable]:
        """Every evaluation table there is: the built-ins and the plugins' (through the
        hook), then the project's own ``[[evaluation_tables]]``. ``wait=False`` does not
        load the plugins (the TUI's first paint): then only built-in and project tables."""
        from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES, EvaluationTable

        registered: Mapping[str, Any]  # each satisfies the EvaluationTable protocol
        if wait or self._plugins is not None:
            registered = self.plugins.evaluation_tables
        else:
            registered = {table.name: table for table in BUILT_IN_TABLES}
        tables = {name: _registered_table(table) for name, table in registered.items()}
        for defined in self.project.evaluation_tables:
            tables.setdefault(
                defined.name,
                EvaluationTable(
                    defined.name, tuple(defined.rows), defined.description or "defined in kano.toml"
                ),
            )
        return tables

    def evaluation_table(self, name: str | None = None, *, wait: bool = True) -> EvaluationTable:
        """The table called ``name`` (default: the project's setting); a KanoError naming
        the choices when there is none."""
        wanted = name or self.default_table or self.project.settings.evaluation_table
        built_in = self._built_in_plugins("evaluation_table")
        if built_in is not None and wanted in built_in.evaluation_tables:
            # A registered table wins over kano.toml's of the same name, and no plugin
            # can take a built-in's: the built-in it is.
            return _registered_table(built_in.evaluation_tables[wanted])
        tables = self.evaluation_tables(wait=wait)
        if wanted in tables:
            return tables[wanted]
        import difflib  # only to name a close match of an unknown table

        close = difflib.get_close_matches(wanted, list(tables), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        origin = "" if name else " (set by evaluation_table in kano.toml's [settings])"
        raise ProjectError(
            f"There is no evaluation table named {wanted!r}{origin}; "
            f"available: {', '.join(tables)}{hint}."
        )

    @contextlib.contextmanager
    def using_table(self, name: str | None) -> Iterator[None]:
        """Analyse with table ``name`` (when given) inside the block: an exporter's every
        analysis follows the export's --table."""
        if name is None:
            yield
            return
        self.evaluation_table(name)  # unknown: refused before anything runs
        before, self.default_table = self.default_table, name
        try:
            yield
        finally:
            self.default_table = before

    def notes(self) -> list[str]:
        """Sentences the user should see on opening the project: unknown ``[settings]``
        keys (a typo does nothing otherwise). A key that starts with a loaded plugin's
        name, or the name of something it registered, is that plugin's option."""
        from kano_tui.engine.project.projectfile import unknown_settings

        if not unknown_settings(self.project):
            return []  # nothing to check against the plugins: they need not load
        prefixes = {name.replace("-", "_").lower() for name in self.plugins.infos}
        for registry in self.plugins.registry.values():
            prefixes.update(name.replace("-", "_").lower() for name in registry)
        prefixes |= {p.removeprefix("kano_") for p in prefixes}
        notes = []
        for note, key in zip(unknown_settings(self.project), self.project.settings.extra):
            head = key.replace("-", "_").lower()
            if not any(head.startswith((f"{prefix}_", f"{prefix}.")) for prefix in prefixes):
                notes.append(note)
        return notes

    def analyze(
        self,
        classifier: str | None = None,
        *,
        by: str | None = None,
        wave: str | None = None,
        where: dict[str, str] | None = None,
        table: str | None = None,
        weight: str | None = None,
    ) -> Analysis:
        """Run the classifier over the responses, by ``by`` if given.

        ``table`` names the evaluation table (default: the session's, then the project's);
        ``weight`` (a column; ``""`` for none) overrides ``[settings] weight``; the
        ``[quality]`` exclusions apply unless :attr:`apply_exclusions` is off."""
        from kano_tui.engine.analysis.run import analysis_of_counts, counted, run_analysis
        from kano_tui.engine.analysis.weights import weight_column
        from kano_tui.engine.importing.survey import WAVE
        from kano_tui.engine.project.storage import load_counts, load_responses

        chosen = self.classifier(classifier)
        options = self.options_for("classifier", chosen.name)
        if options:
            from kano_tui.plugins.options import with_options

            chosen = with_options(chosen, options)
        evaluation = self.evaluation_table(table)
        column = weight_column(self.project.settings, weight)
        # The [quality] exclusions read ids, waves and durations (no table: none apply).
        excluding = "quality" in self.project.extra and bool(self.quality_rules().exclude)
        responses = self._responses
        if responses is None and not (where or column or (excluding and self.apply_exclusions)):
            # Every respondent, a wave or each wave: the data files' own counts, no answer
            # read (none kept for a segment: those count the answers).
            counts = load_counts(self.project, self.directory) if by in (None, WAVE) else None
            if counts is not None and counted(counts, by=by, wave=wave):
                with self.plugins_with("classifier", chosen.name).guard("classifier", chosen.name):
                    analysis = analysis_of_counts(
                        self.project, counts, chosen, by=by, wave=wave, table=evaluation
                    )
                analysis.weight = column
                analysis.quality = None
                return analysis
        if responses is None:  # a one-off analysis reads only the columns it needs
            wanted = [
                f"{f}.{role}"
                for f in self.project.feature_ids()
                for role in ("functional", "dysfunctional", "importance")
            ]
            wanted += [c for c in (by, "wave" if wave else None, *(where or {}), column) if c]
            if column:
                wanted.append("respondent")  # a bad weight's message names the respondent
            if excluding:
                responses = self.responses()
            else:
                responses = load_responses(self.project, self.directory, columns=wanted)
            if (by and by not in responses) or (column and column not in responses):
                responses = self.responses()  # so the error can list every column
        weights = None
        if column:
            from kano_tui.engine.analysis.weights import read_weights

            weights = read_weights(responses, column)
        excluded = self.exclusions(responses)
        with self.plugins_with("classifier", chosen.name).guard("classifier", chosen.name):
            analysis = run_analysis(
                self.project,
                responses,
                chosen,
                by=by,
                wave=wave,
                where=where,
                weights=weights,
                keep=None if excluded is None else excluded.keep,
                table=evaluation,
            )
        analysis.weight = column
        analysis.quality = excluded
        return analysis

    # ----------------------------------------------------------------- plugin options
    #: ``--option PLUGIN.KEY=VALUE`` of this run (``options.parse_overrides``): they win
    #: over kano.toml's ``[plugins.PLUGIN]``.
    option_overrides: tuple[Any, ...] = ()

    @property
    def configures_plugins(self) -> bool:
        """Whether kano.toml has a ``[plugins]`` section or this run ``--option``s."""
        from kano_tui.plugins.options import SECTION

        return bool(self.option_overrides or self.project.extra.get(SECTION))

    def plugin_options(self) -> Any:
        """Every loaded plugin's option values (``kano_tui.plugins.options.Resolved``),
        checked against what each declared; a KanoError names a wrong line or value."""
        return self._options_of(self.plugins)

    def _options_of(self, plugins: Plugins) -> Any:
        """:meth:`plugin_options` of the plugins ``plugins`` loaded."""
        from kano_tui.plugins.options import SECTION, resolve

        path = self.directory / PROJECT_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        return resolve(
            plugins,
            self.project.extra.get(SECTION),
            self.option_overrides,
            source=path,
            text=text,
        )

    def options_for(self, kind: str, name: str) -> dict[str, Any]:
        """The option values of the plugin that registered the ``kind`` ``name``."""
        from kano_tui.plugins.reach import options_of

        plugins = self.plugins_with(kind, name)
        if plugins.owner.get((kind, name)) not in plugins.options:
            return {}
        return options_of(plugins, kind, name, self._options_of(plugins))

    # ----------------------------------------------------------------- quality
    #: Whether the ``[quality]`` exclusions apply (the TUI switches them off and on).
    apply_exclusions: bool = True

    def quality_rules(self) -> Any:
        from kano_tui.engine.analysis.quality import QualityRules

        return QualityRules.of(self.project)

    def quality(self) -> Any:
        """Every respondent's quality flags (``kano quality``)."""
        from kano_tui.engine.analysis.quality import assess

        return assess(self.project, self.responses(), self.quality_rules())

    def exclusions(self, responses: Responses | None = None) -> Any:
        """The ``[quality]`` exclusions of ``responses`` (all of them by default), or None
        when no rule excludes anybody or they are switched off."""
        if "quality" not in self.project.extra or not self.apply_exclusions:
            return None  # no [quality] table: nobody excluded (and nothing to check)
        from kano_tui.engine.analysis.quality import assess, exclusions

        rules = self.quality_rules()
        if not rules.exclude or not self.apply_exclusions:
            return None
        responses = self.responses() if responses is None else responses
        return exclusions(assess(self.project, responses, rules), rules)

    def compare(
        self,
        classifier: str | None = None,
        *,
        by: str | None = None,
        from_value: str | None = None,
        to_value: str | None = None,
        weight: str | None = None,
        wave: str | None = None,
        where: dict[str, str] | None = None,
        table: str | None = None,
    ) -> Any:
        """``kano compare``: every feature between two values of ``by`` (the wave by
        default when there are two or more)."""
        from kano_tui.engine.analysis.chisquare import alpha_setting
        from kano_tui.engine.analysis.compare import compare, default_by

        if by is None:  # the waves, if two or more: the stored counts know them
            from kano_tui.engine.importing.survey import WAVE
            from kano_tui.engine.project.storage import load_counts

            counts = (
                None if self._responses is not None else load_counts(self.project, self.directory)
            )
            waves = None if counts is None else counts.waves
            by = WAVE if waves is not None and len(waves) >= 2 else default_by(self.responses())
        analysis = self.analyze(
            classifier, by=by, wave=wave, where=where, weight=weight, table=table
        )
        return compare(
            analysis,
            from_value=from_value,
            to_value=to_value,
            alpha=alpha_setting(self.project.settings),
            evaluation_table=analysis.evaluation_table,
        )

    def backlog(
        self, classifier: str | None = None, *, table: str | None = None, weight: str | None = None
    ) -> list[BacklogItem]:
        from kano_tui.engine.analysis.run import backlog

        return backlog(self.project, self.analyze(classifier, table=table, weight=weight))

    # ----------------------------------------------------------------- import
    def choose_importer(self, path: Path, name: str | None = None) -> Any:
        """The importer called ``name``, or the first whose ``sniff`` claims the file.

        The built-in importers are asked first (as they register first); every plugin
        loads only when none of them claims the file (docs/startup.md)."""
        if name:
            return self.plugins_with("importer", name).importer(name)
        from kano_tui.engine.importing.textfile import read_head

        head = read_head(path)
        built_in = self._built_in_plugins("importer")
        if built_in is not None:
            claimed = _sniffed(built_in, path, head)
            if claimed is not None:
                return claimed
        plugins = self.plugins
        claimed = _sniffed(plugins, path, head)
        if claimed is not None:
            return claimed
        candidates = [
            imp
            for imp in plugins.importers.values()
            if path.suffix.lower() in tuple(getattr(imp, "extensions", ()))
        ]
        if candidates:
            return candidates[0]
        known = sorted({ext for imp in plugins.importers.values() for ext in imp.extensions})
        raise SurveyImportError(
            f"No importer reads {path.suffix or 'extensionless'} files like {path.name}; "
            f"known extensions: {', '.join(known)} (or pass --importer NAME)."
        )

    def prepare_import(
        self, path: Path | str, importer: str | None = None, options: ImportOptions | None = None
    ) -> ingest.PreparedImport:
        """Read and check a survey file without changing anything."""
        from kano_tui.engine.importing import ingest
        from kano_tui.engine.importing.survey import ImportOptions
        from kano_tui.engine.importing.textfile import check_import_file

        path = Path(path)
        check_import_file(path)  # a FIFO or a device: refused at once, never waited on
        options = options or ImportOptions()
        chosen = self.choose_importer(path, importer)
        mine = self.options_for("importer", chosen.name)
        if mine:  # the importer's own plugin options (``options.plugin_options``)
            import dataclasses

            options = dataclasses.replace(options, plugin_options=mine)
        sha256 = ingest.hash_in_background(path)  # while the importer reads and checks
        with self.plugins_with("importer", chosen.name).guard("importer", chosen.name):
            table = chosen.read(path, options)
        return ingest.prepare_import(
            self.project, self.directory, path, table, chosen.name, options, sha256=sha256
        )

    def commit_import(self, prepared: ingest.PreparedImport) -> ImportRecord:
        from kano_tui.engine.importing import ingest

        with self._writing():
            record = ingest.commit_import(self.project, self.directory, prepared)
        self.forget_responses()
        return record

    def import_file(
        self, path: Path | str, importer: str | None = None, options: ImportOptions | None = None
    ) -> ImportRecord:
        return self.commit_import(self.prepare_import(path, importer, options))

    def remove_import(self, import_id: str) -> ImportRecord:
        """Forget an import: kano.toml first (atomically), then its data file, so a crash
        in between leaves an unreferenced file, never a reference to a missing one."""
        record = next((r for r in self.project.imports if r.id == import_id), None)
        if record is None:
            known = ", ".join(r.id for r in self.project.imports) or "none"
            raise ProjectError(
                f"There is no import {import_id!r} in {self.directory}; imports: {known}."
            )
        with self._writing():
            self.project.imports.remove(record)
            try:
                save_project(self.project, self.directory)
            except BaseException:
                self.project.imports.append(record)
                raise
        (self.directory / record.data_file).unlink(missing_ok=True)
        self.forget_responses()
        return record


def _registered_table(table: Any) -> EvaluationTable:
    """A registered evaluation table (the EvaluationTable protocol) as the engine's."""
    from kano_tui.engine.analysis.evaluation import EvaluationTable, parse_rows

    rows, _ = parse_rows(table.rows)  # checked at registration: never None here
    return EvaluationTable(table.name, rows or (), str(getattr(table, "description", "") or ""))


def _sniffed(plugins: Plugins, path: Path, head: Any) -> Any:
    """The first of ``plugins``' importers for the file's extension that claims it."""
    suffix = path.suffix.lower()
    candidates = [
        imp for imp in plugins.importers.values() if suffix in tuple(getattr(imp, "extensions", ()))
    ]
    for importer in candidates:
        try:
            with plugins.guard("importer", importer.name):
                if importer.sniff(path, head):
                    return importer
        except PluginError:  # it is disabled now (`kano plugins` says why): ask the next
            continue
    return None


def _file_bytes(path: Path) -> bytes | None:
    """kano.toml as read, to tell at a save whether another program changed it since
    (the bytes themselves, not a digest: exact, and no hashlib to import to open)."""
    from kano_tui.engine.project.safeio import regular_file_bytes

    return regular_file_bytes(path)


@dataclass
class ExportContext:
    """What an exporter gets: the open project and the choices the user made."""

    workspace: Workspace
    classifier: str | None = None
    # What the user chose for this export (``{"by": COLUMN}`` from ``--by``).
    options: dict[str, Any] = field(default_factory=dict)
    # Set by the caller to ask a long export to stop (the TUI's cancel): a threading.Event
    # or a function returning True once cancelled.
    cancel_event: Any = field(default=None, repr=False, compare=False)
    # Set by the caller to show how far a long export is (the CLI's progress bar):
    # a function of (step, fraction done or None).
    progress: Any = field(default=None, repr=False, compare=False)

    def report_progress(self, step: str, fraction: float | None = None) -> None:
        """Tell the user what a long export is doing (``fraction`` of it done, 0-1, when
        known), and stop if they cancelled; exporters call it between steps."""
        if self.progress is not None:
            self.progress(step, fraction)
        self.check_cancelled()

    evaluation_table: str | None = None  # None: the project's setting
    exporter: str | None = None  # the exporter's name: whose plugin_options to give

    @property
    def project(self) -> Project:
        return self.workspace.project

    @property
    def settings(self) -> Settings:
        """The project's ``[settings]`` (unknown keys in ``settings.extra``)."""
        return self.workspace.project.settings

    @property
    def plugin_options(self) -> dict[str, Any]:
        """The exporter's own plugin options (``[plugins.PLUGIN]``, ``--option``)."""
        if self.exporter is None:
            return {}
        return self.workspace.options_for("exporter", self.exporter)

    def table(self) -> EvaluationTable:
        """The evaluation table this export analyses with (``--table`` or the project's)."""
        return self.workspace.evaluation_table(self.evaluation_table)

    def backlog(self) -> list[BacklogItem]:
        """The ranked backlog (``kano backlog``), with this export's classifier and table."""
        return self.workspace.backlog(self.classifier, table=self.evaluation_table)

    @property
    def cancelled(self) -> bool:
        event = self.cancel_event
        if event is None:
            return False
        return bool(event.is_set() if hasattr(event, "is_set") else event())

    def check_cancelled(self) -> None:
        """Raise ExportCancelled once the user cancelled; exporters call it between steps."""
        if self.cancelled:
            from kano_tui.errors import ExportCancelled

            raise ExportCancelled("The export was cancelled.")

    def analysis(self, by: str | None = None, wave: str | None = None) -> Analysis:
        return self.workspace.analyze(
            self.classifier, by=by, wave=wave, table=self.evaluation_table
        )
