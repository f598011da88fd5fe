"""Menus and toolbars: where each action sits. No behaviour here; the window connects actions."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from desktop.ui.i18n import tr
from desktop.ui.dialogs.team_menu import add_team_menu
from desktop.ui.window.actions import Actions


def build_menus(window: QMainWindow, actions: Actions) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}

    file = menus["file"] = bar.addMenu(tr("&File"))
    file.addActions([actions.new, actions.open])
    menus["recent"] = file.addMenu(tr("Open &Recent"))
    menus["recent"].setObjectName("recentMenu")
    file.addAction(actions.save_as)
    file.addAction(actions.project_properties)
    file.addSeparator()
    add_team_menu(window, file)  # Open Team Project…, Take Offline…, Push Offline Edits…
    file.addSeparator()
    file.addActions([actions.add_raster, actions.import_, actions.export])
    file.addActions([actions.export_image, actions.export_replay])
    file.addSeparator()
    file.addAction(actions.quit)

    edit = menus["edit"] = bar.addMenu(tr("&Edit"))
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addAction(actions.delete)
    edit.addSeparator()
    edit.addActions([actions.add_assessment, actions.legend_editor])

    view = menus["view"] = bar.addMenu(tr("&View"))
    view.addActions([actions.zoom_aoi, actions.zoom_layer, actions.zoom_selection, actions.set_aoi])
    view.addSeparator()
    view.addActions([actions.find_place, actions.goto])
    view.addSeparator()
    view.addAction(actions.show_changes)
    view.addAction(actions.presentation)
    view.addSeparator()
    menus["panels"] = view.addMenu(tr("&Panels"))  # filled with the docks' toggle actions
    view.addAction(actions.reset_layout)
    menus["language"] = view.addMenu(tr("&Language"))
    menus["language"].setObjectName("languageMenu")
    menus["language"].addActions(list(actions.languages.values()))

    tools = menus["tools"] = bar.addMenu(tr("&Tools"))
    tools.addActions(list(actions.tools.values()))
    tools.addAction(actions.merge)
    tools.addSeparator()
    tools.addActions([actions.clip_mode, actions.snapping, actions.tracing])

    help_ = menus["help"] = bar.addMenu(tr("&Help"))
    help_.addActions([actions.user_guide, actions.shortcuts, actions.open_sample])
    help_.addSeparator()
    help_.addAction(actions.about)
    return menus


def build_toolbars(window: QMainWindow, actions: Actions) -> dict[str, QToolBar]:
    bars: dict[str, QToolBar] = {}
    main = bars["main"] = QToolBar(tr("File and history"), window)
    main.setObjectName("mainToolbar")  # object names let saveState restore toolbars
    main.setIconSize(QSize(20, 20))
    main.addActions([actions.open, actions.import_, actions.export])
    main.addSeparator()
    main.addActions([actions.undo, actions.redo])
    window.addToolBar(main)

    tools = bars["tools"] = QToolBar(tr("Drawing and editing"), window)
    tools.setObjectName("toolsToolbar")
    tools.setIconSize(QSize(20, 20))
    tools.addActions(list(actions.tools.values()))
    tools.addAction(actions.merge)
    tools.addSeparator()
    tools.addActions([actions.snapping, actions.tracing])
    window.addToolBar(tools)
    return bars
