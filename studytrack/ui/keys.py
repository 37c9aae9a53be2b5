"""Key labels in both languages, for the footer and the help.

Bindings are declared in ``BINDINGS`` with English descriptions; ``KEYS`` holds the label of
every action in English and Korean, keyed by the action's name. A screen shows its keys through
``labelled``: Textual's ``active_bindings`` (what the footer lists) with every description in the
app's language. A test proves every binding of every screen has a label here.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from textual.binding import ActiveBinding, Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

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
    return KEYS(name, lang) if name in KEYS else binding.description


@lru_cache(maxsize=1024)
def relabel(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description (and its group's) in ``lang``: made once per binding and
    language (bindings are frozen; the footer asks for every key after every focus change)."""
    name = action_name(binding)
    if name not in KEYS:
        return binding
    group = binding.group
    if group is not None:
        group = Binding.Group(KEYS(name, lang), compact=group.compact)
    return replace(binding, description=KEYS(name, lang), group=group)


def labelled(active_bindings: dict[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """A screen's ``active_bindings`` with every description in ``lang`` (what the footer shows)."""
    return {
        key: active._replace(binding=relabel(active.binding, lang))
        for key, active in active_bindings.items()
    }


def footer_bindings(screen: Screen[Any]) -> dict[str, ActiveBinding]:
    """What ``screen.active_bindings`` says of the keys a footer may list (those with a binding
    ``show``n), by Textual's rules: along the focus chain, a key's first binding whose action is
    not refused wins, and a later priority binding replaces it. Only those keys' actions are
    asked about (on the review screen, 18 of 61 bindings); the footer looks after every change."""
    chain = screen._modal_binding_chain
    listed = {key for _, bindings in chain for key, binding in bindings if binding.show}
    app = screen.app
    active: dict[str, ActiveBinding] = {}
    for namespace, bindings in chain:
        for key, binding in bindings:
            if key not in listed:
                continue
            state = app._check_action_state(binding.action, namespace)
            if state is False:  # refused: the key goes to a later binding, if any
                continue
            held = active.get(key)
            if held is None or (binding.priority and not held.binding.priority):
                active[key] = ActiveBinding(namespace, binding, bool(state), binding.tooltip)
    return active


def declared_bindings(node: DOMNode) -> list[Binding]:
    """Every binding ``node`` declares (its class's ``BINDINGS`` and inherited ones, a key
    declared again taking the later binding), system bindings left out, in declaration order."""
    by_key: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if issubclass(cls, DOMNode) and "BINDINGS" in cls.__dict__:
            by_key.update(BindingsMap(cls.__dict__["BINDINGS"]).key_to_bindings)
    return [binding for bindings in by_key.values() for binding in bindings if not binding.system]
