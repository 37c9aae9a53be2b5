"""Key labels in both languages, and putting them on a screen's bindings (footer and help).

Bindings are declared in ``BINDINGS`` with English descriptions; ``KEYS`` holds the label of
every action in English and Korean, keyed by the action's name, and ``translate_bindings``
swaps the descriptions of one node's bindings for the labels in the app's language. A test
proves every binding of every screen has a label here.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from studytrack.i18n import Catalog

KEYS = Catalog("ui.keys")


def action_name(binding: Binding) -> str:
    """The bare name of a binding's action: ``app.quit`` → ``quit``, ``pick(2)`` → ``pick``."""
    action = binding.action.split("(", 1)[0]
    action = action.rsplit(".", 1)[-1]
    return "back" if action == "pop_screen" else action


def key_label(binding: Binding, lang: str) -> str:
    """What a binding does, in ``lang`` (its own description when ``KEYS`` has no label)."""
    name = action_name(binding)
    return KEYS(name, lang) if name in KEYS.entries else binding.description


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Relabel the bindings ``node`` declared, in ``lang``.

    Textual keeps a node's bindings in ``node._bindings`` (a per-instance copy of the class's
    ``BINDINGS``); the lists are replaced, never changed in place, since the copy shares them.
    """
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [_relabel(binding, lang) for binding in bindings]


def _relabel(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description (and group's) in ``lang``."""
    name = action_name(binding)
    if name not in KEYS.entries:
        return binding
    group = binding.group
    if group is not None:
        group = Binding.Group(KEYS(name, lang), compact=group.compact)
    return replace(binding, description=KEYS(name, lang), group=group)


def declared_bindings(node: DOMNode) -> list[Binding]:
    """Every binding ``node`` declares (its class's ``BINDINGS`` and inherited ones), system
    bindings left out, in declaration order."""
    return [binding for _, binding in node._bindings if not binding.system]
