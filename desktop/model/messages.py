"""Messages for the analyst composed in the Qt-free core, translatable where they are shown.

The core (model, tools) tells the analyst things: a command's label ("Draw Zone 7"), a warning,
why an edit was refused, a tool's hint, a question. It cannot call Qt's translator, and its
English must stay as it is for the CLI, the logs and the tests. So a `Message` *is* that
English text (a `str` subclass: compared, joined, printed and stored as before) and also keeps
its template and arguments, so that the interface can translate the template and fill it in
again (`desktop.ui.messages.shown`).

    Message("{name} drawn as of {date}", name=zone.name, date=as_of.isoformat())

Templates are `str.format` templates written as literals at the call (`message_templates`
finds them in the source for the translators' catalog, desktop/ui/message_catalog.py).
Arguments that are data (zone names, dates, numbers) are filled in unchanged, numbers with the
format given in the template ("{km2:.3f}"), the same in every language; arguments that are
Messages themselves are translated too. `joined` lists messages ("a; b").

Building a new string from a Message (`msg + "…"`, an f-string) gives a plain str: English
only. Compose with another Message instead.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

Translate = Callable[[str], str]


def _english(template: str) -> str:
    return template


class Message(str):
    """English text that remembers how it was made: `template.format(**args)`."""
    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> "Message":
        self = super().__new__(cls, template.format(**args) if args else template)
        self.template = template
        self.args = args
        return self

    def render(self, translate: Translate = _english) -> str:
        """The text with `translate` applied to the template and to every argument that is a
        Message; a translation that cannot be filled in (a placeholder lost) gives the English."""
        args = {k: v.render(translate) if isinstance(v, Message) else v for k, v in self.args.items()}
        for template in (translate(self.template), self.template):
            try:
                return template.format(**args) if args else template
            except (KeyError, IndexError, ValueError):
                continue
        return str(self)

    def __reduce__(self):  # copy, deepcopy and pickle keep the template and arguments
        return (_rebuild, (type(self), self.template, self.args))

    def __repr__(self) -> str:
        return f"Message({str.__repr__(str(self))})"


class Joined(Message):
    """Messages (or plain text) with a separator between them, each translated on its own."""
    parts: tuple

    def __new__(cls, sep: str, parts: Iterable[str]) -> "Joined":
        parts = tuple(parts)
        self = str.__new__(cls, sep.join(parts))
        self.template, self.args, self.parts = sep, {}, parts
        return self

    def render(self, translate: Translate = _english) -> str:
        return self.template.join(p.render(translate) if isinstance(p, Message) else p for p in self.parts)

    def __reduce__(self):
        return (Joined, (self.template, self.parts))


def _rebuild(cls: type, template: str, args: dict) -> Message:
    return cls(template, **args)


def joined(sep: str, parts: Iterable[str]) -> Joined:
    """"a, b, c" from messages or plain text, translatable part by part."""
    return Joined(sep, parts)


def with_notes(head: str, notes: Iterable[str]) -> str:
    """"Zone 7 drawn as of 2025-11-24 (clipped Zone 3 (−0.42 km²); a warning)": `head`, then the
    notes that are not empty in brackets; `head` alone when there are none."""
    notes = [n for n in notes if n]
    return Message("{head} ({notes})", head=head, notes=joined("; ", notes)) if notes else head


class MessageError(ValueError):
    """A refusal meant for the analyst (an edit, a typed date, a file to attach): `message` is
    the `Message`, translatable where it is shown; `str()` is its English, and is that Message,
    so re-raising as `SomeError(str(e))` keeps it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def message_of(error: BaseException) -> str:
    """What an exception says: its Message when it carries one (EditError), else its text."""
    msg = getattr(error, "message", None)
    return msg if isinstance(msg, Message) else str(error)


# -- the catalog of templates -----------------------------------------------------------------

CORE_PACKAGES = ("model", "tools")  # the Qt-free packages under desktop/ that compose messages


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
                (isinstance(node.func, ast.Name) and node.func.id == "Message")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "Message")):
            yield node


def message_templates(root: Path | None = None) -> tuple[list[str], list[str]]:
    """(every literal template of a `Message(...)` call in the core's source, sorted and unique;
    "file:line" of every call whose template is not a literal — a template the translators
    would never see)."""
    root = root or Path(__file__).resolve().parents[1]
    found: set[str] = set()
    bad: list[str] = []
    for package in CORE_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for call in _calls(tree):
                first = call.args[0] if call.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
                elif path.name != "messages.py":
                    bad.append(f"{path.relative_to(root)}:{call.lineno}")
    return sorted(found), bad


__all__ = ["Joined", "Message", "joined", "message_of", "message_templates", "with_notes"]
