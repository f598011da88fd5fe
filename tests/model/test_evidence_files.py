"""Attachment names from outside never escape the folder they are exported to."""
from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, strategies as st

from desktop.model.evidence_files import human_size, safe_filename, sniff_mime, unique_names


@given(st.text(max_size=300))
@example("../../../etc/passwd")
@example("..\\..\\Windows\\System32\\evil.dll")
@example("/abs/path.txt")
@example("..")
@example(".")
@example("CON")
@example("con.txt")
@example("a\x00b.png")
@example("...")
@example("C:evil.txt")
@example("name. ")
def test_safe_filename_stays_in_the_folder(tmp_path_factory, name):
    folder = Path("/export/folder")
    out = safe_filename(name)
    assert out and out not in (".", "..")
    assert "/" not in out and "\\" not in out and "\x00" not in out and ":" not in out
    assert not out.startswith(".") and not out.endswith((".", " "))
    assert len(out) <= 120
    assert out.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    target = folder / out
    assert target.parent == folder and Path(*target.parts).resolve().parent == folder.resolve()


def test_safe_filename_keeps_ordinary_names_and_extensions():
    assert safe_filename("flag on Shybankova Square.jpg") == "flag on Shybankova Square.jpg"
    assert safe_filename("Покровськ 2025-12-01.pdf") == "Покровськ 2025-12-01.pdf"
    long = safe_filename("x" * 500 + ".jpeg")
    assert long.endswith(".jpeg") and len(long) == 120
    assert safe_filename("") == "attachment"


def test_unique_names_never_collide_case_insensitively():
    names = unique_names(["a.png", "A.png", "../a.png", "b", "b"])
    assert names == ["a.png", "A (2).png", "a (3).png", "b", "b (2)"]


def test_sniff_mime_reads_content():
    assert sniff_mime(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_mime(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_mime("Київ".encode()) == "text/plain"
    assert sniff_mime(b"\x00\x01\x02") == ""
    assert human_size(999) == "999 B" and human_size(2048) == "2.0 kB"
