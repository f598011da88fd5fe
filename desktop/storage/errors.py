"""Errors that reach the user as one line: the file, the feature, the problem."""


class InputError(Exception):
    """Bad input (a file, a feature, a date). The CLI prints it and exits 1.

    One line whatever the message holds: a cause quoted from SQLite or a parser can carry line
    breaks ("*** in database main ***\\nFragmentation of ..."), which are folded into spaces."""

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(" ".join(str(message).split()), *args)


class ProjectFileError(InputError):
    """A project file that cannot be opened as a Frontline project (left untouched)."""
