"""A course folder's fingerprint: what tells a cached course (parsed in memory, or its outline in
the database) from a stale one without reading the files."""

import hashlib
import os
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
    return hashlib.sha1("\n".join(entries).encode("utf-8")).hexdigest()
