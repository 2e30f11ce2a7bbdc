"""A damaged .sav that crashes the C reader (the fuzz tests found one that segfaults
pyreadstat) is answered with one sentence; kano itself keeps running."""

from __future__ import annotations

import os
import signal

import pytest

from kano_tui.errors import SurveyImportError

spss = pytest.importorskip("kano_spreadsheets.spss")  # the first-party plugin, installed by make


def _segfault(path: str, out: str) -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def test_a_crash_in_the_spss_reader_becomes_one_sentence(tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.sav"
    damaged.write_bytes(b"$FL2" + b"\xff" * 200)
    monkeypatch.setattr(spss, "_read_in_child", _segfault)
    with pytest.raises(SurveyImportError) as caught:
        spss.read_sav_isolated(damaged, "damaged.sav")
    message = str(caught.value)
    assert message.startswith("damaged.sav is a damaged SPSS data file")
    assert "exit code -11" in message and "\n" not in message


def test_a_file_pyreadstat_refuses_is_named(tmp_path):
    damaged = tmp_path / "short.sav"
    damaged.write_bytes(b"$FL2")
    with pytest.raises(SurveyImportError, match="short.sav is (not an SPSS data file|a damaged)"):
        spss.read_sav_isolated(damaged, "short.sav")
