"""One module per command family; importing this package registers them on ``sourcecheck.cli.cli``."""

import importlib

#: Command modules, in the order their commands are listed by ``sourcecheck --help``.
MODULES: list[str] = ["check", "refs", "config", "match", "lookup", "train"]

for _name in MODULES:
    importlib.import_module(f"sourcecheck.commands.{_name}")
