"""Every public name of the package says what it takes, returns and guarantees.

Public: a module, class, function or method whose name has no leading underscore, defined in
charterlogic (not imported into it). Dataclass-generated and inherited methods are not counted.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import charterlogic


def modules() -> Iterator[object]:
    yield charterlogic
    for info in pkgutil.walk_packages(charterlogic.__path__, "charterlogic."):
        yield importlib.import_module(info.name)


def public_names() -> Iterator[tuple[str, object]]:
    for module in modules():
        name = module.__name__  # type: ignore[attr-defined]
        yield name, module
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or getattr(value, "__module__", None) != name:
                continue
            if inspect.isclass(value):
                yield f"{name}.{attribute}", value
                for method, member in vars(value).items():
                    if method.startswith("_") or (not callable(member) and not isinstance(
                            member, property)):
                        continue
                    function = member.fget if isinstance(member, property) else member
                    if getattr(function, "__qualname__", "").startswith(value.__qualname__):
                        yield f"{name}.{attribute}.{method}", function
            elif inspect.isfunction(value):
                yield f"{name}.{attribute}", value


def test_every_public_name_has_a_docstring() -> None:
    missing = [name for name, value in public_names() if not (value.__doc__ or "").strip()
               or (inspect.isclass(value) and value.__doc__ == _generated_doc(value))]
    assert missing == [], f"{len(missing)} public names without a docstring"


def _generated_doc(cls: type) -> str | None:
    """The docstring dataclasses write for a class without one: `Name(field: type, ...)`."""
    doc = cls.__doc__ or ""
    return doc if doc.startswith(f"{cls.__name__}(") else None
