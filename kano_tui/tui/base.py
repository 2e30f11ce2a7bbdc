"""What every screen of the app shares.

A screen is a :class:`KanoScreen` subclass in its own module under ``kano_tui.tui.screens``,
registered with one line in ``kano_tui.tui.registry.SCREENS``. It gets the header and the footer,
``self.workspace`` (the open project), and :meth:`KanoScreen.project_changed`, called when
the project changed (an edit, undo, redo, an import) while the screen is shown, or when it
is shown again after such a change. Edits go through ``self.kano.edit(label, change)`` so
they can be undone; slow work goes through ``self.run_in_thread(work, done, group=...)``
(:mod:`kano_tui.tui.workers`): ``work`` returns its result off the UI thread, never
touching widgets, and ``done`` draws it; errors and stale results are handled there.
A screen lists its palette commands in ``PALETTE_COMMANDS`` as (title, action, help)
tuples (not ``COMMANDS``: that is Textual's name for palette providers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen

from kano_tui.tui.widgets.header import KanoHeader
from kano_tui.tui.widgets.key_hints import KeyHints
from kano_tui.tui.workers import ThreadWork

if TYPE_CHECKING:
    from kano_tui.session.workspace import Workspace
    from kano_tui.tui.app import KanoApp


class KanoScreen(Screen, ThreadWork):
    """A top-level screen (one per mode of the app)."""

    SCREEN_NAME: str = ""  # the key in SCREENS, e.g. "features" (set on each instance)
    # (title, action, help): offered in the command palette as "<Screen>: <title>"
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Textual reads ``COMMANDS`` as palette providers; a screen that lists its actions
        # there (tuples) would crash the palette, so they are moved where we read them.
        commands = cls.__dict__.get("COMMANDS")
        if isinstance(commands, list) and all(isinstance(c, tuple) for c in commands):
            cls.PALETTE_COMMANDS = commands
            cls.COMMANDS = set()
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        self._seen_revision = -1
        self._style_key: tuple[object, ...] | None = None

    @property
    def kano(self) -> KanoApp:
        return self.app  # type: ignore[return-value]

    @property
    def workspace(self) -> Workspace:
        return self.kano.workspace

    def compose(self) -> ComposeResult:
        yield KanoHeader(self.SCREEN_NAME)
        yield from self.compose_body()
        yield KeyHints()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between the header and the footer."""
        yield from ()

    # ----------------------------------------------------------------- change tracking
    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._revision_changed, init=False)
        # Mounted with the current stylesheet. (Textual records that only for a screen
        # already mounted when it is switched to, so the second visit to every screen
        # restyled the whole app.)
        if hasattr(self.app, "_css_update_count"):
            self._css_update_count = self.app._css_update_count
        # Styled as it mounts: the first visit's resume need not restyle it all again
        # (a second styling of every widget, a fifth of a first visit's time).
        self._style_key = self._current_style_key()

    def on_screen_resume(self, event: events.ScreenResume | None = None) -> None:
        # Textual restyles every widget of a screen it shows again; a kept screen needs
        # that only if the theme or the stylesheet changed meanwhile (this halves the
        # time to switch screens).
        if (
            event is not None
            and self._style_key is not None
            and self._style_key == self._current_style_key()
        ):
            event.refresh_styles = False
        self._catch_up()

    def on_screen_suspend(self) -> None:
        self._style_key = self._current_style_key()

    def _current_style_key(self) -> tuple[object, ...]:
        return (self.app.theme, getattr(self.app, "_css_update_count", None), self.app.size)

    def _revision_changed(self, _: int) -> None:
        if self.is_current:
            self._catch_up()

    def _catch_up(self) -> None:
        revision = self.kano.revision
        if revision != self._seen_revision:
            first = self._seen_revision < 0
            self._seen_revision = revision
            self.project_changed(first=first)

    def project_changed(self, first: bool) -> None:
        """Redraw from ``self.workspace``; ``first`` is True the first time it is shown."""
