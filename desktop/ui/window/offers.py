"""A tool's question to the analyst (`tools.base.Offer`): a message box with one button per
choice and Cancel; the chosen command is pushed like any other. Zone names in the question are
the analyst's (or an imported file's) text: shown plain."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.tools.base import Choice, Offer
from desktop.ui.messages import shown
from desktop.ui.widgets.plain_text import plain_message_box


def ask(parent: QWidget, offer: Offer) -> Choice | None:
    """The choice made, or None for Cancel (Escape). Enter takes the first choice."""
    box = plain_message_box(parent, QMessageBox.Icon.Question, "Frontline", shown(offer.question),
                            QMessageBox.StandardButton.Cancel)
    buttons = [box.addButton(shown(c.label), QMessageBox.ButtonRole.AcceptRole) for c in offer.choices]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((c for b, c in zip(buttons, offer.choices) if b is clicked), None)
