"""One exception class per failure; each message names the file, claim, line or cell."""


class PortbookError(Exception):
    """Base class for every error portbook raises on bad input."""


class BadSeed(PortbookError):
    """A seed article or its metadata row is missing, empty, altered or not UTF-8."""


class UnknownArticle(PortbookError):
    """An article id that seeds/metadata.csv does not list."""


class NotebookFailed(PortbookError):
    """A pipeline notebook raised; names the notebook, its parameters and the failing cell."""
