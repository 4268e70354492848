"""Korean retrieval Q&A over smart-factory support news, with cited passages.

    import assistant
    report = assistant.build_index("corpus", "index")   # same as `assistant index`
    qa = assistant.load("index")                       # load once
    qa.ask("김포 스마트공장 최대 지원금은?", k=5).to_dict()   # answer many
"""

from .errors import (
    AssistantError,
    CorruptIndexError,
    EncoderError,
    IndexBusyError,
    IndexMismatchError,
    IndexNotFoundError,
    IngestError,
    QuestionError,
)
from .answer import Answer, Citation
from .qa import QA, load
from .indexer import BuildReport
from .indexer import build as build_index

__all__ = [
    "QA", "Answer", "Citation", "QuestionError", "load",
    "AssistantError", "BuildReport", "CorruptIndexError", "EncoderError", "IndexBusyError",
    "IndexMismatchError", "IndexNotFoundError", "IngestError", "build_index",
]
