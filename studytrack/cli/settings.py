"""``studytrack settings``: see and change the daily budget, the day's rollover hour, the time
zone and the retention the review schedule aims for."""

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.settings")

NUMBER_TYPES: dict[str, type[int] | type[float]] = {
    "rollover_hour": int, "daily_minutes": float, "desired_retention": float,
}
"""The JSON type of each numeric setting (one type per field, whatever was typed)."""


def typed_settings(values: dict[str, str]) -> dict[str, object]:
    """Settings as ``--json`` prints them: numbers as numbers (each always of its one type), the
    time zone as text (empty: the system's)."""
    typed: dict[str, object] = {}
    for key, text in values.items():
        kind = NUMBER_TYPES.get(key)
        try:
            typed[key] = text if kind is None else kind(float(text))
        except ValueError:
            typed[key] = text
    return typed


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@pass_session
def settings(session: Session, key: str | None, value: str | None, as_json: bool) -> None:
    """Show the settings, or set KEY to VALUE (rollover_hour, timezone, daily_minutes,
    desired_retention). A negative VALUE is a value, not an option: it reaches the range check."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.settings import all_settings, checked_setting, set_setting  # noqa: PLC0415

    db = session.db()
    lang = session.lang
    if key is not None and value is None:
        settings = all_settings(db)
        checked_setting(key, settings.get(key) or "", lang)
        one = settings[key]
        if as_json:
            echo_json(typed_settings({key: one}))
        else:
            click.echo(one or TEXT("system_zone", lang))
        return
    if key is not None and value is not None:
        stored = checked_setting(key, value, lang)
        set_setting(db, key, stored)
        if not as_json:
            click.echo(TEXT("changed", lang, key=key, value=stored or TEXT("system_zone", lang)))
            return
    current = all_settings(db)
    if as_json:
        echo_json(typed_settings(current))
        return
    for name, text in current.items():
        shown = text or TEXT("system_zone", lang)
        click.echo(f"{name:<18} {shown:<14} {TEXT(name, lang)}")


COMMANDS = (settings,)
"""The commands this module adds to ``studytrack``."""
