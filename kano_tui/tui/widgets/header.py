"""The one-line header: project name, unsaved marker and the screen tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from kano_tui.tui.app import KanoApp


class KanoHeader(Widget):
    """``Smartphone ● unsaved    1 Features  2 Responses  3 Analysis ...``

    The active screen's tab is drawn reversed so it stands out without colour (NO_COLOR).
    The project name is user text: it goes in as ``Text``, never as markup.
    """

    DEFAULT_CSS = """
    KanoHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, active: str) -> None:
        super().__init__()
        self.active = active

    @property
    def kano_app(self) -> KanoApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.watch(self.app, "unsaved", self._app_changed, init=False)
        self.watch(self.app, "revision", self._app_changed, init=False)

    def _app_changed(self, _: object) -> None:
        self.refresh()

    def render(self) -> Text:
        from kano_tui.tui.keymap import key_display
        from kano_tui.tui.registry import SCREENS

        app = self.kano_app
        tabs = Text(no_wrap=True, overflow="ellipsis", end="")
        for name, entry in SCREENS.items():
            if entry.key is None:
                continue
            label = f" {key_display(app, f'screen.{name}', entry.key)} {entry.title} "
            tabs.append(label, style="bold reverse" if name == self.active else "")
        marker = Text(" ● unsaved", style="bold") if app.unsaved else Text("")
        room = max(self.size.width - tabs.cell_len - marker.cell_len - 1, 1)
        title = Text(" ", no_wrap=True, overflow="ellipsis", end="")
        title.append(app.workspace.project.name, style="bold")
        title.truncate(room + 1, overflow="ellipsis")  # the marker is never cut off
        line = Text.assemble(title, marker, no_wrap=True, overflow="ellipsis", end="")
        line.truncate(max(self.size.width - tabs.cell_len, 0), overflow="ellipsis", pad=True)
        return Text.assemble(line, tabs, no_wrap=True, overflow="ellipsis", end="")
