"""The interface's language: Qt translators for Frontline's own strings and for Qt's dialogs.

Every user-visible string of the GUI goes through `tr("…")` (one translation context, so one
English text has one Ukrainian text everywhere) or, in a class with its own context,
`QCoreApplication.translate(...)`. `make translations` runs pyside6-lupdate over desktop/ui to
update resources/translations/frontline_uk.ts, and pyside6-lrelease to build the .qm beside it.

The language: the "language" setting ("en", "uk"), else $FRONTLINE_LANGUAGE, else the system
locale, and only a Ukrainian system locale ("uk", "uk_UA"...) picks Ukrainian: C, POSIX and
every other locale keep English. Data is never translated (zone names, quotes, sources, the
legend's labels stored in the project); dates in the data stay ISO.

The core (desktop/model, desktop/tools) is Qt-free: the messages it composes (commands' labels,
tools' labels, help and hints, refusals) are `desktop.model.messages.Message`s, translated where
they are shown by `desktop.ui.messages.shown` (context "Messages"; `tool_text` for the tools);
desktop/ui/message_catalog.py marks their templates for lupdate.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.ui.messages import shown

CONTEXT = ""  # `tr` texts: lupdate files a bare tr("…") call under the empty context
LANGUAGES = (("en", "English"), ("uk", "Українська"))
_INSTALLED: list[QTranslator] = []
_ORIGINAL_LOCALE = QLocale()  # the default locale before any translator (restored for English)
_CURRENT = ["en"]


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language (the English text when no translator has it)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate's marker name
    """Marks `text` for lupdate under `context`; the translation happens where it is shown."""
    return text


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - lupdate's marker name
    """Marks `text` for lupdate (module level: the `tr` context); `tr(NAME)` translates it."""
    return text


def tool_text(text: str) -> str:
    """A tool's label, help or message (desktop/tools, Qt-free) in the interface's language: the
    tools compose them as `Message`s (desktop/model/messages.py); plain text is data."""
    return shown(text)


def chosen_language(setting: str | None = None) -> str:
    """"en" or "uk": the setting if set, else $FRONTLINE_LANGUAGE, else the system locale."""
    if setting is None:
        try:
            from desktop.ui.window.settings import language
            setting = language()
        except Exception:  # no settings readable: fall back to the locale
            setting = ""
    choice = (setting or os.environ.get("FRONTLINE_LANGUAGE", "")).strip().lower()
    if not choice:
        choice = QLocale.system().name().lower()
    return "uk" if choice.startswith("uk") else "en"


def current_language() -> str:
    return _CURRENT[0]


def translations_dir():
    from desktop.resources import resource
    return resource("translations", must_exist=False)


def remove_translators(app=None) -> None:
    app = app or QCoreApplication.instance()
    while _INSTALLED:
        t = _INSTALLED.pop()
        if app is not None:
            app.removeTranslator(t)
    _CURRENT[0] = "en"
    QLocale.setDefault(_ORIGINAL_LOCALE)


def install_translator(app=None, language: str | None = None) -> str:
    """Install the translators for `language` ("en", "uk"; None: the setting or the system
    locale) on `app`, replacing any installed before. Returns the language in effect; a
    missing .qm leaves English (never an error)."""
    app = app or QCoreApplication.instance()
    lang = chosen_language(language) if language is None else ("uk" if language.lower().startswith("uk") else "en")
    remove_translators(app)
    if lang != "uk" or app is None:
        return "en"
    ours = QTranslator(app)
    path = translations_dir() / "frontline_uk.qm"
    if not (path.exists() and ours.load(str(path))):
        return "en"
    app.installTranslator(ours)
    _INSTALLED.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for name in ("qtbase_uk", "qt_uk"):
        qt = QTranslator(app)
        if qt.load(name, qt_dir):
            app.installTranslator(qt)
            _INSTALLED.append(qt)
            break
    QLocale.setDefault(QLocale(QLocale.Ukrainian, QLocale.Ukraine))
    _CURRENT[0] = "uk"
    return "uk"


def month_abbr(month: int) -> str:
    """The short name of `month` (1-12) for chart axes, in the interface's language."""
    if _CURRENT[0] == "uk":
        return tr(_MONTHS[month - 1])
    return _MONTHS[month - 1]


def tr_filter(filter_: str) -> str:
    """A file dialog's filter ("PNG image (*.png);;All files (*)") with each entry's name in the
    interface's language; the patterns stay as they are."""
    out = []
    for entry in filter_.split(";;"):
        name, sep, rest = entry.partition(" (")
        out.append(tr(name) + sep + rest if sep else entry)
    return ";;".join(out)


# Names in file-dialog filters and output kinds, made by the Qt-free layers (storage, render).
FILTER_NAMES = (
    QT_TR_NOOP("PNG image"), QT_TR_NOOP("SVG drawing"), QT_TR_NOOP("PDF document"), QT_TR_NOOP("Geodata"),
    QT_TR_NOOP("All files"), QT_TR_NOOP("Frontline project"), QT_TR_NOOP("CSV: sources and quotes"),
    QT_TR_NOOP("MP4 video"), QT_TR_NOOP("GIF animation"), QT_TR_NOOP("Raster basemaps"),
    QT_TR_NOOP("Georeferenced images with a world file"),
)


# The Admiralty grades' meanings (desktop/model/entities.py), shown beside the letters and digits.
GRADE_MEANINGS = (
    QT_TR_NOOP("Completely reliable"), QT_TR_NOOP("Usually reliable"), QT_TR_NOOP("Fairly reliable"),
    QT_TR_NOOP("Not usually reliable"), QT_TR_NOOP("Unreliable"), QT_TR_NOOP("Reliability cannot be judged"),
    QT_TR_NOOP("Confirmed by other sources"), QT_TR_NOOP("Probably true"), QT_TR_NOOP("Possibly true"),
    QT_TR_NOOP("Doubtful"), QT_TR_NOOP("Improbable"), QT_TR_NOOP("Truth cannot be judged"),
)


# Stance words (desktop/model/stance.py) as the Changes panel counts them: "2 supports".
STANCE_WORDS = (QT_TR_NOOP("supports"), QT_TR_NOOP("contradicts"), QT_TR_NOOP("context"))


# Timeline step keys (desktop/model/timeline.py) where they are shown as words.
STEP_WORDS = (QT_TR_NOOP("day"), QT_TR_NOOP("week"), QT_TR_NOOP("month"))


# Observation kinds (desktop/model/observation_kinds.py): the stored key stays, the label shown is translated.
KIND_LABELS = (
    QT_TR_NOOP("Geolocated video"), QT_TR_NOOP("Flag raised"), QT_TR_NOOP("Strike"), QT_TR_NOOP("Unit position"),
    QT_TR_NOOP("Destroyed"), QT_TR_NOOP("Other"), QT_TR_NOOP("Attack direction"),
)


# English month abbreviations for chart axes (translated: "Sep" -> "вер").
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_MARKS = (tr("Jan"), tr("Feb"), tr("Mar"), tr("Apr"), tr("May"), tr("Jun"),
                tr("Jul"), tr("Aug"), tr("Sep"), tr("Oct"), tr("Nov"), tr("Dec"))
