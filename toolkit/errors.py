"""Errors that carry a message for the user, in Chinese."""


class TuanwenError(Exception):
    """An error whose message is shown to the user as it is (Chinese)."""


class UsageError(TuanwenError):
    """Bad input from the user: the CLI exits with status 2."""


class ReadError(TuanwenError):
    """A submission could not be read; the batch goes on.

    ``status`` is ``"error"`` for an unreadable file and ``"skipped"`` for a
    file type the toolkit does not read (contract: files[].status).
    """

    def __init__(self, message: str, status: str = "error") -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # keep ``status`` when sent back from a batch worker process
        return (type(self), (str(self), self.status))
