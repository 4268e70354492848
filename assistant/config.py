"""Settings in one place: names, defaults and the format version of the index on disk."""

import os
from pathlib import Path

# Bump when the files written by the store change shape: old indexes then fail to load
# with a message naming `assistant index --rebuild`.
INDEX_FORMAT_VERSION = 1

# Bump when cleaning or chunking changes what text ends up in chunks: the next
# `assistant index` then re-ingests (and re-encodes only chunks whose text changed).
PIPELINE_VERSION = 1

DEFAULT_INDEX_DIR = "index"
DEFAULT_CORPUS_DIR = "corpus"
DEFAULT_ENCODER = "e5-small"

# Chunking: characters per chunk and overlap, chosen by eval/chunking.py
# (see README "How it works"); recorded in manifest.json.
CHUNK_SIZE = 400
CHUNK_OVERLAP = 100

CORPUS_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024

ENCODE_BATCH = 32


def index_dir(path=None) -> Path:
    """The index folder: an explicit path, else $ASSISTANT_INDEX_DIR, else ./index."""
    return Path(path or os.environ.get("ASSISTANT_INDEX_DIR") or DEFAULT_INDEX_DIR)
