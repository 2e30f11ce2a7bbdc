"""The questionnaire Markdown shows user text as written once rendered (feature names,
descriptions, custom questions): no emphasis, links, HTML, lists or headings come from
it. Checked by rendering with a CommonMark parser (markdown-it, as Rich uses)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import Project
from kano_tui.engine.questionnaire.questions import markdown_literal, questionnaire_markdown

MARKDOWN = MarkdownIt("commonmark").enable("table").enable("strikethrough")
TRICKY = st.lists(
    st.sampled_from(
        [*list("ab1 .)-+>=#*_`[]()<>!|\\&;~:/\"'"), "&amp;", "&#35;", "<b>", "http://x", "\n"]
    ),
    max_size=30,
).map("".join)


def rendered_text(markdown: str) -> str | None:
    """The text of a single rendered paragraph, or None if it rendered as anything else."""
    found = re.fullmatch(r"<p>(.*)</p>\n", MARKDOWN.render(markdown), re.S)
    return None if found is None else html.unescape(found.group(1))


@settings(max_examples=300, deadline=None)
@given(text=TRICKY)
def test_user_text_renders_as_written(text):
    expected = " ".join(text.split())
    for block in (False, True):
        literal = markdown_literal(text, block=block)
        if not expected:
            assert literal == ""
            continue
        if block:
            assert rendered_text(literal) == expected
        else:  # inline: as a heading would hold it
            assert rendered_text(f"x {literal}") == f"x {expected}"


def test_a_hostile_feature_name_stays_text_in_the_questionnaire():
    project = Project.create("Phone <study>")
    add_feature(
        project,
        "<script>alert(1)</script> *new* [AR](http://x)",
        description="- not a list, # not a heading",
    )
    document = MARKDOWN.render(questionnaire_markdown(project))
    assert "<script>" not in document and "<em>" not in document and "<a " not in document
    assert "<ul>" not in document.split("<h2>", 1)[1].split("<p><strong>", 1)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *new* [AR](http://x)" in document
    assert "Kano questionnaire: Phone &lt;study&gt;" in document
