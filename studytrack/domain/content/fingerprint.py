"""A course folder's fingerprint: what tells a cached course (parsed in memory, or its outline in
the database) from a stale one without reading the files."""

import os
import zlib
from pathlib import Path


def course_fingerprint(root: Path) -> str:
    """The relative names, sizes and modification times of every file under ``root``, hashed:
    it changes whenever a course file is added, removed or edited."""
    entries = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = os.stat(path)
            entries.append(f"{os.path.relpath(path, root)}:{info.st_size}:{info.st_mtime_ns}")
    listing = "\n".join(entries).encode("utf-8")
    # zlib's two checksums and the length (80 bits) rather than a hashlib digest: importing
    # hashlib loads OpenSSL (~3 ms of every command that reads the cached outline), and a cache
    # key of file names, sizes and times needs no cryptographic strength.
    return f"{zlib.crc32(listing):08x}{zlib.adler32(listing):08x}{len(listing):x}"
