"""Attachment files from outside: what they are, how big they may be, and safe names.

Names and bytes come from the analyst's disk or the web, so nothing here trusts them: the type
is read from the content (not the extension), sizes are capped with a message that says what
to do, and a name can never lead out of the folder it is exported into.
"""
from __future__ import annotations

import re
import unicodedata

from desktop.model.messages import MessageError, Message

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # a GeoPackage stays shareable; screenshots are smaller
MAX_NAME_CHARS = 120

IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/webp")
ALLOWED_MIMES = IMAGE_MIMES + ("application/pdf", "text/plain")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class AttachmentError(MessageError):
    """A file that cannot be attached; the message is meant for the analyst."""


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    for unit in ("kB", "MB", "GB"):
        n /= 1024
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}"
    return f"{n:.1f} GB"  # pragma: no cover


def sniff_mime(data: bytes) -> str:
    """The type by content; "" when it is none we accept."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if b"\x00" not in data[:8192]:
        try:
            data.decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            pass
    return ""


def check_attachment(filename: str, data: bytes) -> str:
    """Validate a file to attach; returns its mime type or raises AttachmentError."""
    name = safe_filename(filename)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(Message(
            "{file} is {size}; attachments may be at most {most}. Attach a smaller copy or a screenshot.",
            file=name, size=human_size(len(data)), most=human_size(MAX_ATTACHMENT_BYTES)))
    if not data:
        raise AttachmentError(Message("{file} is empty", file=name))
    mime = sniff_mime(data)
    if not mime:
        raise AttachmentError(Message("{file} is not an image (PNG, JPEG, GIF, WebP), a PDF or a UTF-8 "
                                      "text file; only those can be attached", file=name))
    return mime


def safe_filename(name: str, default: str = "attachment") -> str:
    """A file name that stays inside whatever folder it is joined to, on any OS.

    Keeps only the last path component (both / and \\ count), drops control and reserved
    characters, leading dots (no hidden files, no "..") and trailing dots/spaces (Windows),
    renames device names (CON, NUL, ...) and caps the length while keeping the extension.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _BAD_CHARS.sub("_", name)
    name = name.strip(" .\t")
    if not name:
        return default
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED or name.upper() in _WINDOWS_RESERVED:
        name = "_" + name
    if len(name) > MAX_NAME_CHARS:
        ext = ext[:16]
        keep = MAX_NAME_CHARS - (len(ext) + 1 if ext else 0)
        stem = name[:-(len(ext) + 1)] if ext else name
        name = stem[:keep].rstrip(". ") + ("." + ext if ext else "")
        name = name.lstrip(".") or default
    return name


def unique_names(names: list[str]) -> list[str]:
    """Safe names made distinct ("a.png", "a (2).png") so an export never overwrites one file
    with another of the same name (case-insensitive, for Windows and macOS)."""
    seen: set[str] = set()
    out = []
    for n in names:
        base = safe_filename(n)
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        cand, i = base, 2
        while cand.lower() in seen:
            cand = f"{stem} ({i})" + (f".{ext}" if ext else "")
            i += 1
        seen.add(cand.lower())
        out.append(cand)
    return out
