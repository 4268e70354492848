"""Korean retrieval Q&A over smart-factory support news, with cited passages.

    import assistant
    report = assistant.build_index("corpus", "index")   # same as `assistant index`
"""

from .errors import (
    AssistantError,
    CorruptIndexError,
    EncoderError,
    IndexBusyError,
    IndexMismatchError,
    IndexNotFoundError,
    IngestError,
)
from .indexer import BuildReport
from .indexer import build as build_index

__all__ = [
    "AssistantError", "BuildReport", "CorruptIndexError", "EncoderError", "IndexBusyError",
    "IndexMismatchError", "IndexNotFoundError", "IngestError", "build_index",
]
