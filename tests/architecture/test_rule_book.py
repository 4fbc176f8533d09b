"""One rule book of who may do what (assure/core/access.py): the README's table of roles is
generated from it, and no other module or template writes a role rule of its own."""

from __future__ import annotations

import re
from pathlib import Path

from assure.core.access import RULES, role_table

ROOT = Path(__file__).resolve().parents[2]
ROLE_NAMED = re.compile(
    r"Role\.(ADMINISTRATOR|BUSINESS_MANAGER|CONTRIBUTOR|ANALYST|AUDITOR|BOARD_MEMBER)"
)
ROLE_COMPARED = re.compile(r"""\brole\s*(==|!=)|membership\.role\b""")
# Where a role is a value, not a rule: the rule book itself, the model, and the command that
# makes a partnership's first administrator.
ALLOWED = {"assure/core/access.py", "assure/core/models.py", "assure/partnership/command.py"}


def test_the_readme_table_of_roles_is_the_rule_books():
    readme = (ROOT / "README.md").read_text()
    assert role_table() in readme, "regenerate the table: print(role_table())\n" + role_table()


def test_no_module_or_template_writes_a_role_rule_of_its_own():
    found = []
    for path in sorted((ROOT / "assure").rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix not in {".py", ".html"} or "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if ROLE_NAMED.search(line) or ROLE_COMPARED.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "take the roles from core/access.py's RULES:\n" + "\n".join(found)


def test_every_rule_names_at_least_one_role_and_says_what_it_allows():
    assert all(rule.roles and rule.allows for rule in RULES.values())
