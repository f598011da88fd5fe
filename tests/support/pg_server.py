"""A throwaway PostgreSQL cluster for the team-project tests and benchmarks (issue 19, item 7).

`PgServer.start()` makes a cluster in a fresh temporary folder with Debian's `initdb` and
`pg_ctl` (postgresql-15, with postgresql-15-postgis-3 for PostGIS), listening on a Unix socket
in that folder only (`listen_addresses = ''`: nothing on the network), fsync off (the OS
keeps what a killed server wrote; only a machine crash would lose it). PostgreSQL refuses to run as root, and CI runs as root,
so there the server runs as the `postgres` system user the Debian package creates (else
`nobody`), and the folder is made theirs. `stop()` removes it; `kill()` is `pg_ctl stop -m
immediate` (the server dies without a checkpoint, as in a power cut) and `restart()` brings the
same cluster back for the recovery tests.

    server = PgServer.start()
    url = server.create_database("t1")  # postgresql:///t1?host=...&port=...&user=...
    server.stop()

`unavailable()` says why a cluster cannot be had here (binaries or PostGIS absent), or None.
"""
from __future__ import annotations

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

PG_BIN = Path(os.environ.get("FRONTLINE_PG_BIN", "/usr/lib/postgresql/15/bin"))
POSTGIS_CONTROL = Path("/usr/share/postgresql/15/extension/postgis.control")
SUPERUSER = "frontline_admin"
PORT = 54329  # only names the socket file: the folder is ours alone, so any number will do
INSTALL_HINT = "apt-get install postgresql-15-postgis-3 (make test does it where apt-get is)"


def unavailable() -> str | None:
    """Why no test cluster can be started here, or None when one can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / tool).exists():
            return f"PostgreSQL 15 is not installed ({PG_BIN / tool} is absent): {INSTALL_HINT}"
    if not POSTGIS_CONTROL.exists():
        return f"PostGIS is not installed ({POSTGIS_CONTROL} is absent): {INSTALL_HINT}"
    if os.geteuid() == 0 and _server_user() is None:
        return "running as root and neither the 'postgres' nor the 'nobody' user exists to run the server"
    return None


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user the server runs as when we are root (PostgreSQL refuses root)."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


@dataclass
class PgServer:
    root: Path
    port: int = PORT
    user: pwd.struct_passwd | None = None  # who the server runs as (None: ourselves)
    running: bool = False
    _databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def start(cls, *, settings: dict[str, str] | None = None) -> "PgServer":
        """A new cluster, running; `settings` are added to its postgresql.conf."""
        why = unavailable()
        if why:
            raise RuntimeError(why)
        # Short path under /tmp: a Unix socket's path must stay under 107 bytes.
        root = Path(tempfile.mkdtemp(prefix="frontline-pg-", dir="/tmp"))
        user = _server_user() if os.geteuid() == 0 else None
        server = cls(root, user=user)
        try:
            if user is not None:
                os.chown(root, user.pw_uid, user.pw_gid)
            os.chmod(root, 0o755)  # the socket must be reachable by us (root or the same user)
            server._run(PG_BIN / "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth=trust",
                        "-E", "UTF8", "--locale=C", "--no-sync")
            conf = server.data / "postgresql.conf"
            with open(conf, "a", encoding="utf-8") as f:
                f.write(f"\nlisten_addresses = ''\nunix_socket_directories = '{root}'\nport = {server.port}\n"
                        # fsync off: the OS keeps what a killed server wrote. Never
                        # synchronous_commit off: a commit must be in the WAL when it returns,
                        # or `kill` would lose commits the tests count on.
                        "fsync = off\nfull_page_writes = off\n"
                        "max_connections = 60\nshared_buffers = 64MB\n")
                for k, v in (settings or {}).items():
                    f.write(f"{k} = '{v}'\n")
            server._ctl_start()
        except BaseException:
            server._remove()
            raise
        atexit.register(server.stop)  # a backstop: a session that dies still stops its server
        return server

    def _preexec(self):
        user = self.user
        if user is None:
            return None

        def drop() -> None:
            os.setgid(user.pw_gid)
            os.setgroups([])
            os.setuid(user.pw_uid)
        return drop

    def _run(self, *args: object, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C"}
        r = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, cwd=str(self.root),
                           preexec_fn=self._preexec(), timeout=timeout)
        if check and r.returncode != 0:
            raise RuntimeError(f"{Path(str(args[0])).name} failed ({r.returncode}): "
                               f"{(r.stderr or r.stdout).strip()[-500:]}")
        return r

    def _ctl_start(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o", "-c fsync=off", "start")
        self.running = True

    def kill(self) -> None:
        """Stop at once, as in a crash: no checkpoint, connections cut (`pg_ctl stop -m immediate`)."""
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        self.running = False

    def restart(self) -> None:
        """Start the cluster again after `kill` (it recovers from its WAL) or a stop."""
        if self.running:
            self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)
        self._ctl_start()

    def stop(self) -> None:
        """Stop the server and remove its folder (idempotent)."""
        if self.root.exists():
            if self.running or (self.data / "postmaster.pid").exists():
                self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
            self.running = False
            self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # -- connecting --------------------------------------------------------------------------
    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={user}"

    def url(self, dbname: str, *, project: str | None = None, user: str = SUPERUSER) -> str:
        """The libpq URL of a database (with Frontline's `project` parameter when given)."""
        q = f"host={quote(str(self.socket_dir), safe='/')}&port={self.port}&user={quote(user)}"
        if project:
            q += f"&project={quote(project)}"
        return f"postgresql:///{quote(dbname)}?{q}"

    def connect(self, dbname: str = "postgres", user: str = SUPERUSER) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(dbname, user), autocommit=True)

    def create_database(self, name: str, *, postgis: bool = True) -> str:
        """A new database (dropped first if it exists), with PostGIS; its URL (no project)."""
        with self.connect() as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            con.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        if postgis:
            with self.connect(name) as con:
                con.execute("CREATE EXTENSION postgis")
        self._databases.append(name)
        return self.url(name)

    def create_role(self, name: str, *, login: bool = True) -> str:
        """A role (no password: the cluster trusts its own socket); returns the name."""
        with self.connect() as con:
            exists = con.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            if not exists:
                con.execute(sql.SQL("CREATE ROLE {} " + ("LOGIN" if login else "NOLOGIN"))
                            .format(sql.Identifier(name)))
        return name
