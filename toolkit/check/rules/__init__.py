"""Every rule module, imported here: this list is the one place rules are registered.

One module per category (arithmetic in prose and in tables apart); each rule's code, category, severity and summary
are in its ``@rule`` decorator, its documentation in its docstring.
"""

from importlib import import_module

RULE_MODULES = [
    "placeholder", "count", "arithmetic", "table_arithmetic", "vote", "eligibility", "idnumber", "dates",
    "punctuation", "format", "register",
    "typo", "boilerplate", "duplicate",
    "roster", "review", "steps", "hours",
    "points", "assessment", "progress",
]

for _name in RULE_MODULES:
    import_module(f"{__name__}.{_name}")
