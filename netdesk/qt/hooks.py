"""Template-method bases on Qt types: subclasses must define the hooks the base calls.

`abc.abstractmethod` is not enforced on Qt classes (Shiboken's constructor skips abc's check),
so a base lists its hooks and `require_hooks` fails when a subclass is defined without one.
"""

from __future__ import annotations


def require_hooks(cls: type, hooks: tuple[str, ...]) -> None:
    missing = [name for name in hooks if not callable(getattr(cls, name, None))]
    if missing:
        raise TypeError(f"{cls.__name__} must define {', '.join(missing)}")
