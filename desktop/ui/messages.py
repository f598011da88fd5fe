"""The core's messages (`desktop.model.messages.Message`) in the interface's language.

A command's label, a tool's hint, a refused edit's reason and an Offer's question are composed
in the Qt-free core as Messages: English text that keeps its template. `shown` translates the
template (and every argument that is a Message) under one context, "Messages", and fills it in.
The templates reach lupdate through desktop/ui/message_catalog.py.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.model.messages import Message, message_of

CONTEXT = "Messages"


def _translate(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def shown(obj: object) -> str:
    """The text to show for `obj`: a Message translated; an exception by the Message it carries
    (EditError), else its text; anything else as `str` (plain text is data or already
    translated)."""
    if isinstance(obj, BaseException):
        obj = message_of(obj)
    if isinstance(obj, Message):
        return obj.render(_translate)
    return "" if obj is None else str(obj)


__all__ = ["CONTEXT", "shown"]
