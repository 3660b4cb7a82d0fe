"""write_file_atomically: a full disk gives a CommandError naming the file and leaves no partial file."""

import contextlib
import errno
import os
from unittest import mock

import pytest
from django.core.management.base import CommandError

from kotipolku.core import files
from kotipolku.core.files import write_file_atomically, write_to_stream


def test_writes_the_whole_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "export.json"
    write_file_atomically(target, "ä" * 100_000)
    assert target.read_text(encoding="utf-8") == "ä" * 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_disk_full_part_way_keeps_the_previous_file_and_names_path_and_reason(tmp_path):
    """The first chunk is written, then ENOSPC: the old export stays whole, no temporary file remains."""
    target = tmp_path / "export.json"
    target.write_text("previous export", encoding="utf-8")
    real_write = os.write
    calls = []

    def write_then_fill(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[:4096]))

    with mock.patch.object(files.os, "write", write_then_fill), pytest.raises(CommandError) as error:
        write_file_atomically(target, "x" * 100_000)
    message = str(error.value)
    assert str(target) in message and "the disk is full" in message and "No file was written or changed" in message
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_missing_folder_and_no_permission_are_named(tmp_path):
    with pytest.raises(CommandError, match="the folder does not exist"):
        write_file_atomically(tmp_path / "no-such-folder" / "x.json", "{}")
    denied = PermissionError(errno.EACCES, "Permission denied")
    with mock.patch.object(files.tempfile, "mkstemp", side_effect=denied), pytest.raises(CommandError) as error:
        write_file_atomically(tmp_path / "x.json", "{}")
    assert "no permission to write there" in str(error.value) and "x.json" in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_dev_full_is_written_directly_and_reports_the_full_disk():
    """A device is never renamed over (that would replace /dev/full): it is written directly and fails."""
    with pytest.raises(CommandError, match="the disk is full"):
        write_file_atomically("/dev/full", "{}")
    assert not os.path.isfile("/dev/full")
    stream = open("/dev/full", "w")  # noqa: SIM115 - closing flushes again and fails again
    with pytest.raises(CommandError, match="Cannot write to standard output: the disk is full"):
        write_to_stream(stream, "x" * 10_000)
    with contextlib.suppress(OSError):
        stream.close()
