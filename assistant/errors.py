"""The library's own exceptions. Only the CLI and the UI turn these into messages for people.

Every message says what went wrong and, where there is one, the command that fixes it.
"""


class AssistantError(Exception):
    """Base class of every error the library raises on purpose."""


class IngestError(AssistantError):
    """A corpus file could not be read as text (binary, undecodable, empty after cleaning)."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexNotFoundError(AssistantError):
    """No built index where one was expected."""


class IndexMismatchError(AssistantError):
    """The index on disk was built by other code or another encoder than the one asked for."""


class CorruptIndexError(AssistantError):
    """A file of the index is missing, truncated or unreadable."""


class EncoderError(AssistantError):
    """The encoder named by the user cannot be loaded."""


class IndexBusyError(AssistantError):
    """Another `assistant index` is writing the same index right now."""


class QuestionError(AssistantError):
    """The question cannot be asked as given (empty, too long, unreadable)."""
