"""The Markdown report: the same sections, the charts as PNG files beside it."""

from __future__ import annotations

from kano_tui.session.export import run_export

from .conftest import XSS, build_project

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_report_and_its_charts_are_written_side_by_side(report_project, tmp_path):
    target = tmp_path / "out" / "team report.md"
    target.parent.mkdir()
    written = run_export(report_project, "markdown", target)

    assert written == [
        target,
        tmp_path / "out" / "team report-kano-plot.png",
        tmp_path / "out" / "team report-continuous-plot.png",
        tmp_path / "out" / "team report-trajectories.png",
    ]
    assert all(path.read_bytes().startswith(PNG) for path in written[1:])
    text = target.read_text(encoding="utf-8")
    assert "![Kano plot: Better against \\|Worse\\|](team%20report-kano-plot.png)" in text
    assert "](team%20report-continuous-plot.png)" in text
    assert "![Kano plot: paths across waves](team%20report-trajectories.png)" in text
    for heading in (
        "## Results",
        "## Charts",
        "## Prioritised backlog",
        "## Is the change real?",
        "## Customer journey",
        "## Advocacy",
    ):
        assert heading in text
    assert text.index("## Results") < text.index("## Charts") < text.index("## Prioritised")
    assert XSS not in text and "\\<script\\>alert\\(1\\)\\</script\\>" in text


def test_no_answers_no_charts(tmp_path):
    workspace = build_project(tmp_path / "empty", journey=False, respondents=0)
    written = run_export(workspace, "markdown", tmp_path / "r.md")
    assert written == [tmp_path / "r.md"]
    assert "## Charts" not in written[0].read_text(encoding="utf-8")


def test_the_cli_lists_every_file_it_wrote(report_project, tmp_path, kano):
    done = kano("export", report_project.directory, "-e", "markdown", "-o", tmp_path / "r.md")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Wrote {tmp_path / 'r.md'}",
        f"Wrote {tmp_path / 'r-kano-plot.png'}",
        f"Wrote {tmp_path / 'r-continuous-plot.png'}",
        f"Wrote {tmp_path / 'r-trajectories.png'}",
    ]
