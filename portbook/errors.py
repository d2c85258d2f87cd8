"""Every exception portbook raises, one class per failure, each named for what went wrong."""


class PortbookError(Exception):
    """Base class for every error portbook raises on purpose."""


class UnparseableNumber(PortbookError, ValueError):
    """A figure as printed cannot be read as a number without a repair rule."""


class GarbledGrouping(UnparseableNumber):
    """A figure's comma groups are not 3 digits each, so its plain reading would be a guess."""


class LostDigits(UnparseableNumber):
    """A figure has digits lost in the scrape, printed as '<>'."""


class RepairNotApplicable(PortbookError, ValueError):
    """A named repair rule was asked to repair a figure it does not apply to."""


class UnknownRepair(PortbookError, LookupError):
    """A repair rule name is not registered in portbook.numbers.repairs.REPAIRS."""


class UnknownQualifier(PortbookError, LookupError):
    """A qualifier name is not registered in portbook.numbers.qualifiers.QUALIFIERS."""


class UnknownUnit(PortbookError, LookupError):
    """A printed unit has no known conversion to a base unit."""


class BadPeriod(PortbookError, ValueError):
    """A period phrase cannot be resolved to dates."""


class BadSeed(PortbookError):
    """A seed article or its metadata row is missing, empty, altered or not UTF-8."""


class BadId(PortbookError, ValueError):
    """An id that would name a file or an anchor breaks the one id pattern (portbook.ids)."""


class UnsafePath(PortbookError, ValueError):
    """An output or input path that resolves outside the folder it belongs in."""


class BadParameter(PortbookError, ValueError):
    """A template's or command's parameter of the wrong type, or a value it does not accept."""


class UnknownArticle(BadParameter, LookupError):
    """An article id that seeds/metadata.csv does not list."""


class NotebookFailed(PortbookError):
    """A pipeline notebook raised; names the notebook, its parameters and the failing cell."""


class UndeclaredFile(PortbookError):
    """A pipeline run read or wrote a file its plan does not declare, so its fingerprint or outputs would be wrong."""


class BadLedger(PortbookError):
    """A row of data/claims.csv (or a curated table beside it) breaks the schema."""


class DuplicateClaim(BadLedger):
    """Two ledger rows share a claim id."""


class QuoteNotFound(BadLedger):
    """A ledger quote is not found verbatim (exactly once) in its seed."""


class UnknownEntity(BadLedger):
    """An entity or alias that data/entities.csv and data/aliases.csv do not know."""


class UnknownClaim(BadParameter, LookupError):
    """A claim id the ledger does not hold; the message lists the closest ids."""


class TypedFigure(PortbookError, ValueError):
    """A story typed a figure instead of referring to a claim; names the file and line."""


class BadFlagship(PortbookError):
    """data/flagship.csv names an unknown claim, or not exactly one flagship pair of one entity and metric."""


class UnaccountedNumbers(PortbookError):
    """Numbers in an article that no claim, period phrase, exclusion or removal rule accounts for; the message is
    the lint report, each number with a drafted ledger row beside it."""


class BadReference(BadLedger):
    """A row of data/references.csv breaks its schema: an unknown claim or unit, a bad period, no address."""


class DuplicateReference(BadReference):
    """Two rows of data/references.csv share an id, or record the same figure from the same address twice."""


class UnreadableReference(BadReference):
    """A reference's figure, as its source printed it, cannot be read as a number or a date."""


class BadRelation(BadLedger):
    """A row of data/relations.csv names an unknown entity or metric, or a relation the book does not know."""
