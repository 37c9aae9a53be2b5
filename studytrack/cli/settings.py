"""``studytrack settings``: see and change the daily budget, the day's rollover hour, the time
zone and the retention the review schedule aims for."""

import click

from studytrack.cli import echo_json, pass_session
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.settings")


@click.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@pass_session
def settings(session: Session, key: str | None, value: str | None, as_json: bool) -> None:
    """Show the settings, or set KEY to VALUE (rollover_hour, timezone, daily_minutes,
    desired_retention)."""
    from studytrack.store.settings import all_settings, checked_setting, set_setting

    db = session.db()
    lang = session.lang
    if key is not None and value is None:
        value = all_settings(db).get(key)
        checked_setting(key, value or "", lang)
        click.echo(value)
        return
    if key is not None:
        stored = checked_setting(key, value, lang)
        set_setting(db, key, stored)
        if not as_json:
            click.echo(TEXT("changed", lang, key=key, value=stored or TEXT("system_zone", lang)))
            return
    current = all_settings(db)
    if as_json:
        echo_json(current)
        return
    for name, text in current.items():
        shown = text or TEXT("system_zone", lang)
        click.echo(f"{name:<18} {shown:<14} {TEXT(name, lang)}")


COMMANDS = (settings,)
"""The commands this module adds to ``studytrack``."""
