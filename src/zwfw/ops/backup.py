"""Backup and restore: the database plus the uploaded files (MEDIA_ROOT), with a manifest.

The database is copied exactly by the engine's own tools: SQLite through its online backup API,
PostgreSQL with ``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction``.
A backup therefore restores onto the same engine (to move between engines, use Django's
``dumpdata``/``loaddata``). The manifest lists every file with its SHA-256; restore checks them
all before it changes anything.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from zwfw.errors import DomainError

FORMAT = 1
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed tool, no shell
    if done.returncode != 0:
        raise DomainError(f"{command[0]} 执行失败：{done.stderr.strip()[:500]}", code="backup_tool")


def _dump_database(target: Path) -> None:
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        out = sqlite3.connect(target)
        try:
            connection.connection.backup(out)
        finally:
            out.close()
    elif vendor == "postgresql":
        args, env = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env)
    else:  # pragma: no cover - settings accept only these two
        raise DomainError(f"不支持备份 {vendor} 数据库。", code="backup_engine")


def _load_database(source: Path) -> None:
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
    else:
        # pg_restore --clean cannot drop a partitioned table's partitions one constraint at a time, so the
        # schema is emptied and the dump's script replayed by psql, both in one transaction: a failed
        # restore leaves the database as it was.
        with connection.cursor() as cur:
            cur.execute("SELECT current_schema()")
            schema = cur.fetchone()[0]
        connection.close()  # no session may hold the tables being replaced
        args, env = _pg_env()
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "restore.sql"
            _run(["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), str(source)], env)
            _run(["psql", "--quiet", "--no-psqlrc", "--single-transaction", "--set", "ON_ERROR_STOP=1", *args,
                  "--command", f'DROP SCHEMA "{schema}" CASCADE; CREATE SCHEMA "{schema}";',
                  "--file", str(script)], env)
        connection.close()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def backup(output: Path | None = None) -> Path:
    """Write ``zwfw-<time>.tar.gz`` (or ``output``): manifest.json, the database, media/…"""
    now = dt.datetime.now(dt.timezone.utc)
    if output is None:
        output = Path(settings.VAR_DIR) / "backups" / f"zwfw-{now:%Y%m%d-%H%M%S}.tar.gz"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / DB_FILES[connection.vendor]
        _dump_database(db_file)
        files = {}
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                files[path.relative_to(media_root).as_posix()] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT, "created_at": now.isoformat(), "application": "zwfw",
            "database": {"engine": connection.vendor, "file": db_file.name, "sha256": _sha256(db_file),
                         "method": "sqlite3 backup API" if connection.vendor == "sqlite" else "pg_dump --format=custom"},
            "migrations": _migrations(), "files": files,
        }
        manifest_file = Path(tmp) / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_file, "manifest.json")
            tar.add(db_file, db_file.name)
            for name in files:
                tar.add(media_root / name, f"media/{name}")
        partial.replace(output)
    return output


def _checked(tar: tarfile.TarFile, tmp: Path) -> dict:
    """Extract into ``tmp`` and check every file against the manifest; DomainError on any mismatch."""
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise DomainError("这不是 zwfw 备份文件：缺少或无法读取 manifest.json。", code="backup_invalid") from exc
    if manifest.get("application") != "zwfw" or manifest.get("format") != FORMAT:
        raise DomainError("备份文件格式不受支持。", code="backup_invalid")
    engine = manifest["database"]["engine"]
    if engine != connection.vendor:
        raise DomainError(f"该备份来自 {engine} 数据库，不能恢复到当前的 {connection.vendor} 数据库"
                          "（跨数据库迁移请用 dumpdata/loaddata）。", code="backup_engine")
    tar.extractall(tmp, filter="data")  # refuses absolute paths, "..", links outside
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"media/{name}": meta["sha256"] for name, meta in manifest["files"].items()}
    present = {m.name for m in tar.getmembers() if m.isfile()} - {"manifest.json"}
    if present != set(expected):
        raise DomainError("备份文件与清单不一致：文件多出或缺失。", code="backup_damaged")
    for name, digest in expected.items():
        if _sha256(tmp / name) != digest:
            raise DomainError(f"备份文件已损坏：{name} 校验不符。", code="backup_damaged")
    return manifest


def restore(archive: Path) -> dict:
    """Replace the database and MEDIA_ROOT with the archive's, after checking it whole."""
    archive = Path(archive)
    if not archive.is_file():
        raise DomainError(f"备份文件 {archive} 不存在。", field="archive")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp_name, tarfile.open(archive) as tar:
        tmp = Path(tmp_name)
        manifest = _checked(tar, tmp)
        _load_database(tmp / manifest["database"]["file"])
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        if (tmp / "media").is_dir():
            shutil.move(tmp / "media", media_root)
        else:
            media_root.mkdir()
    return manifest
