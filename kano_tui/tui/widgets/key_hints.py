"""The footer: the keys of the current screen, as one line of text.

Textual's Footer rebuilds a widget per key each time the bindings change (several times
per screen switch); this draws the same hints as one Text, so switching screens stays
well under the 100 ms budget.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget


class KeyHints(Widget):
    """``a Add  e Edit  / Filter ... ? Help  ^s Save  q Quit      ^p palette``"""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        from kano_tui.tui.palette import theme_variables

        colour = theme_variables(self.app).get("footer-key-foreground")
        key_style = Style(bold=True, color=colour if colour and colour[0] == "#" else None)
        hints = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        palette_key = ""
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.action == "command_palette":
                palette_key = self.app.get_key_display(binding)
                continue
            if not binding.show or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            hints.append(f" {self.app.get_key_display(binding)} ",
                         style=key_style if enabled else Style(dim=True))
            hints.append(f"{binding.description} ", style=None if enabled else Style(dim=True))
        if palette_key and self.app.ENABLE_COMMAND_PALETTE:
            tail = Text.assemble((f" {palette_key} ", key_style), "palette ")
            room = max(self.size.width - tail.cell_len, 0)
            hints.truncate(room, overflow="ellipsis", pad=True)
            hints.append_text(tail)
        return hints
