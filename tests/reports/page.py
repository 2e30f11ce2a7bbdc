"""Reading an exported HTML report back with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that load something or run something: a self-contained, escaped report has none.
ACTIVE = frozenset(
    {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "base",
        "form",
        "input",
        "audio",
        "video",
        "source",
        "frame",
        "applet",
        "meta-refresh",
    }
)


@dataclass
class Page:
    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # tag, name, value
    ids: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    # section id -> table rows (lists of cell texts)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    section_text: dict[str, list[str]] = field(default_factory=dict)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.section = ""
        self.cell: list[str] | None = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append(tag)
        for name, value in attrs:
            self.page.attributes.append((tag, name, value or ""))
            if name == "id":
                self.page.ids.append(value or "")
        if tag == "section":
            self.section = dict(attrs).get("id") or ""
        elif tag == "tr":
            self.row = []
            self.page.tables.setdefault(self.section, []).append(self.row)
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "section":
            self.section = ""

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)
        if self.section:
            self.page.section_text.setdefault(self.section, []).append(data)
        if self.cell is not None:
            self.cell.append(data)


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def problems(page: Page) -> list[str]:
    """What would make the page unsafe or not self-contained."""
    found = [f"<{tag}> element" for tag in page.tags if tag in ACTIVE]
    for tag, name, value in page.attributes:
        lowered = value.strip().lower()
        if name.startswith("on"):
            found.append(f"{tag} {name}= event handler")
        if "://" in lowered or lowered.startswith(("javascript:", "data:", "//")):
            found.append(f"{tag} {name}={value!r} names an address")
        if name in ("href", "src", "xlink:href") and not lowered.startswith("#"):
            found.append(f"{tag} {name}={value!r} is not an in-page link")
    return found
