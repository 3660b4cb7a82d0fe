"""Writing export files so that a full disk gives a clear error and never a half-written file.

    write_file_atomically(path, text)      # a regular file: temp file in the same folder, fsync, rename
    write_to_stream(self.stdout, text)     # standard output, flushed, so `> file` on a full disk fails loudly

Both raise CommandError naming the path and the reason (disk full, no permission, no such folder), so
every management command that exports gets the same behaviour. See docs/reliability/faults.md.
"""

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "the path is a folder",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_file_atomically(
    path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8", mode: int | None = None
) -> Path:
    """Write `data` to `path` completely or not at all; an existing file stays as it was on failure.

    `mode` sets the file's permissions (0o600 for personal data); by default an existing file keeps
    its own and a new one gets the umask's.

    A path that exists and is not a regular file (/dev/stdout, a pipe, /dev/full) is written directly:
    renaming over it would replace the device.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        existing = target.stat().st_mode
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise CommandError(f"Cannot write {target}: {_reason(exc)} ({exc.strerror}).") from exc
    if existing is not None and not stat.S_ISREG(existing):
        if stat.S_ISDIR(existing):
            raise CommandError(f"Cannot write {target}: the path is a folder.")
        try:
            with open(target, "wb") as stream:
                stream.write(payload)
                stream.flush()
        except OSError as exc:
            raise CommandError(f"Cannot write {target}: {_reason(exc)} ({exc.strerror}).") from exc
        return target

    folder = target.parent
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp_name, mode)
        elif existing is not None:
            os.chmod(temp_name, stat.S_IMODE(existing))
        else:  # mkstemp creates 0600; a new export gets the usual permissions of the umask
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
        temp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise CommandError(
            f"Cannot write {target}: {_reason(exc)} ({exc.strerror}). No file was written or changed."
        ) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some file systems refuse fsync on a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_to_stream(stream, text: str, *, name: str = "standard output") -> None:
    """Write and flush, so a full disk behind `> file` is reported now, not lost at exit."""
    try:
        if isinstance(stream, OutputWrapper):
            stream.write(text, ending="")
        else:
            stream.write(text)
        stream.flush()
    except OSError as exc:
        raise CommandError(f"Cannot write to {name}: {_reason(exc)} ({exc.strerror}).") from exc
