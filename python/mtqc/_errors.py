"""The exceptions mtqc raises. Their messages are the command line's (`mtqc: error: ...`
without the prefix); `kind` names the class of error as the CLI's exit code 2 covers it."""


class MtqcError(Exception):
    """An mtqc error: a usage, rule-pack or input error (the CLI's exit code 2).

    `kind` is ``"usage"``, ``"rule-pack"`` or ``"input"``; each has its own subclass.
    """

    kind = "error"


class UsageError(MtqcError, ValueError):
    """An option value is wrong: an unknown rule or pack id, a malformed language tag, a
    threshold out of range, a project file that cannot be read."""

    kind = "usage"


class RulePackError(MtqcError):
    """A rule pack or project file does not load (the message names file, line and column)."""

    kind = "rule-pack"


class InputError(MtqcError, ValueError):
    """A text cannot be checked: invalid UTF-8 in an Arrow array, a malformed array."""

    kind = "input"


class MtqcWarning(UserWarning):
    """What the CLI prints as `mtqc: warning: ...` (a language no pack serves, say)."""


__all__ = ["MtqcError", "UsageError", "RulePackError", "InputError", "MtqcWarning"]
