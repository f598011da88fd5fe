"""Errors that reach the user as one line: the file, the feature, the problem."""


class InputError(Exception):
    """Bad input (a file, a feature, a date). The CLI prints it and exits 1."""


class ProjectFileError(InputError):
    """A project file that cannot be opened as a Frontline project (left untouched)."""
