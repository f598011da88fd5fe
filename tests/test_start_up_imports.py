"""Opening a project file (GUI or command line) never loads the PostgreSQL driver: only a team
project needs psycopg and libpq (~0.09 s of every start-up, measured in the archive bench)."""
from __future__ import annotations

import subprocess
import sys


def test_the_window_and_the_commands_load_no_postgresql_driver():
    code = ("import sys\n"
            "import desktop.cli, desktop.ui.app, desktop.cli_stats, desktop.cli_interchange, desktop.cli_render\n"
            "from desktop.ui.window.main_window import MainWindow\n"
            "from desktop.ui.dialogs import file_menu, media_export\n"
            "import desktop.storage.team as team\n"
            "assert not team.is_team_url('x.gpkg')\n"
            "from desktop.cli_interchange import open_read_only\n"
            "from desktop.storage.project.projectfile import close_project\n"
            "close_project(open_read_only(sys.argv[1]))  # what stats, export, render and replay do\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg'))\n")
    from desktop.storage.project.sample import sample_path
    out = subprocess.run([sys.executable, "-c", code, str(sample_path())], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    # ...and a team project's names are still there when asked for.
    out = subprocess.run([sys.executable, "-c", "import desktop.storage.team as t; print(t.TeamStore.__name__)"],
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "TeamStore", out.stderr
