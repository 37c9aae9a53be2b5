"""A change drawn in one frame: containers that are laid out once, and a scrolling pane that
settles its scrollbar and its scroll position in that same layout.

Textual lays a screen out, then tells every widget its new size. A container whose size changed
then asks for a second layout (its ``virtual_size`` is a layout reactive), though the first one
already placed its children; a scrolling pane whose content outgrew it shows its scrollbar only
in that second layout, and redraws the bar a frame later still; and ``scroll_visible``, asked
for in the key that changed the content, needs the new layout, so it waits for the frame after.
A review answer that grows the card past the screen's foot drew three times: the card, then the
card again with its scrollbar and the scroll to the feedback, then the bar once more.

``Settled`` containers and ``SettledStatic`` lines take their new size without asking for another
layout (a card's check is shown in new lines, sized for the first time); a ``SteadyScroll``
decides, while its children are arranged, whether its scrollbar shows, where it is scrolled
(``keep_in_view``) and how its bar is drawn, so the whole change is one layout and one frame.
It needs the scrollbar's column kept (``scrollbar-gutter: stable``): a bar that appears then
changes no width the arrangement already used. Without it the pane scrolls as Textual does.
A ``FreshCompositor`` (every studytrack screen's) no longer arranges the whole screen twice per frame.

This leans on Textual's private hooks (``_size_updated``, ``_scroll_update``, ``_set_dirty``, the
compositor's map), as of the Textual 8 that ``pyproject.toml`` pins. The test
``tests/functional/test_one_frame.py`` counts the frames of an answer and its undo and compares
what they drew with Textual's own drawing and scrolling: a Textual that changes these hooks fails it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.color import Color
from rich.segment import Segment
from textual._compositor import Compositor, ReflowResult
from textual.css.scalar import Unit
from textual.geometry import NULL_SPACING as NO_SPACING
from textual.geometry import Region, Size
from textual.layout import DockArrangeResult
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from studytrack.ui.widgets.blank import Column, Scroll


class FreshCompositor(Compositor):
    """Textual's compositor, knowing that a full layout leaves its map of every widget fresh.

    A widget shown since the last frame marks that map stale; Textual's ``reflow`` arranges every
    widget anew but leaves the mark, so the frame's first ``Widget.region`` (each widget drawn asks
    for its own) arranges the whole screen once more: ~0.4 ms of a review answer's frame."""

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        """Textual's full layout; its map of every widget is then fresh."""
        result = super().reflow(parent, size)
        self._full_map_invalidated = False
        return result


if TYPE_CHECKING:
    MixedIn = Widget
else:
    MixedIn = object  # a mixin, not a widget: Textual follows a class's first widget base for its CSS


class NoRelayout(MixedIn):
    """Mixed into a widget (first among its bases): its change of size asks for no second
    layout, the layout that sized it having placed what it holds or measured what it shows."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's, without the layout its ``virtual_size`` would ask for."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)


HEIGHT_FREE_UNITS = frozenset({Unit.CELLS, Unit.AUTO, Unit.VIEW_WIDTH, Unit.VIEW_HEIGHT})
"""Heights that do not depend on the container's (``fr``, ``%``, ``w`` and ``h`` do)."""


class Settled(NoRelayout, Column):
    """A ``Column`` whose change of size asks for no second layout: its children were placed
    in the layout that sized it, and it neither scrolls nor draws anything of its own.

    Where no child's height depends on the column's, the children are arranged once per width:
    Textual arranges them for the column's height when it measures the column (its parent's
    height when every child is ``auto``) and again at the height it then gives it, with the
    same result (on a review answer: the card's children three times)."""

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        """Textual's arrangement, for any height where no child's depends on it."""
        if all(stacks_freely(child) for child in self.displayed_children):
            size = Size(size.width, 0)
        return super().arrange(size, optimal)


class SettledStatic(NoRelayout, Static):
    """A ``Static`` whose change of size asks for no second layout: the layout that sized it
    measured its text at its width (the lines a check, a hint or a status fills)."""


BAR_BACK, BAR_FRONT = Color.parse("#555555"), Color.parse("bright_magenta")
"""A bar's colours where its style has none (as ``ScrollBarRender``'s)."""


class SettledScrollBar(NoRelayout, ScrollBar):
    """Textual's scrollbar, whose first size (the pane's content first outgrowing it) asks for
    no second layout: the layout that placed it sized it; drawn straight from its segments."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's drawing of the bar, made from its renderer's segments (one per line), a
        strip for each kind of line.

        Textual draws a bar as any Rich renderable: through the console, then line by line
        through the widget's border, padding and opacity (a bar has none) and the app's filters,
        ~2 ms of a review answer's frame for a one-cell column of three or four kinds of line.
        A bar with such styles, or drawn by another renderer, Textual draws."""
        bar = self.render()
        if type(bar) is not ScrollBarRender or not drawn_bare(self):
            return super().render_lines(crop)
        width, height = self.size
        style = self.app.console.get_style(bar.style)
        rows = bar.render_bar(
            size=height, virtual_size=bar.virtual_size, window_size=bar.window_size, position=bar.position,
            thickness=width, vertical=True, back_color=style.bgcolor or BAR_BACK,
            bar_color=style.color or BAR_FRONT).segments  # as ScrollBarRender.__rich_console__
        base = self.visual_style.rich_style
        base_background, background = self.background_colors
        fill = self._styles_cache.get_inner_outer(base_background, background)[0].rich_style
        line_filters = self.get_line_filters()
        x1, x2 = crop.column_span
        shown = rows[crop.y : crop.bottom]
        drawn: dict[Segment, Strip] = {}
        for row in set(shown):
            strip = Strip([Segment(row.text, base + row.style)]).adjust_cell_length(width, fill)  # as _Styled
            for line_filter in line_filters:
                strip = strip.apply_filter(line_filter, background)
            drawn[row] = strip.crop(x1, x2)
        return [drawn[row] for row in shown]


class SteadyScroll(Scroll):
    """A vertical scrolling pane whose scrollbar, scroll position and bar are settled in the
    layout that arranges its children (with ``scrollbar-gutter: stable``)."""

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        """A pane of ``children``."""
        super().__init__(*children, id=id)
        self.wanted_in_view: tuple[Widget, ...] = ()
        """The widgets to bring into view in the next layout, in turn (the last one wins)."""

    @property
    def steady(self) -> bool:
        """Whether the pane settles itself in one layout: its scrollbar's column is kept and it
        scrolls vertically only (else Textual's way: a bar that appears narrows the content)."""
        styles = self.styles
        return styles.scrollbar_gutter == "stable" and styles.overflow_x == "hidden" and styles.overflow_y == "auto"

    def on_mount(self) -> None:
        """Make the vertical bar now, so that a layout can show it at once (Textual makes it when
        the content first outgrows the pane, and places it a layout later)."""
        _ = self.vertical_scrollbar

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical bar, made (hidden) on first use as Textual makes it, a ``SettledScrollBar``."""
        if self._vertical_scrollbar is None:
            bar = SettledScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def keep_in_view(self, *widgets: Widget) -> None:
        """Scroll so that each of ``widgets`` (inside the pane) is in view in turn, the last one
        winning where they don't all fit, as ``scroll_visible`` would: in the layout of the change
        that made them, or after the next refresh where the pane is not steady."""
        if not self.steady:
            self.call_after_refresh(bring_into_view, widgets)
            return
        self.wanted_in_view = widgets
        self.refresh(layout=True)

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        """Textual's arrangement of the children, then (steady) the bar shown or hidden and the
        scroll position clamped to the new content and moved to what should be in view."""
        arrangement = super().arrange(size, optimal)
        if not optimal and self.steady:
            self.settle(arrangement, size)
        return arrangement

    def settle(self, arrangement: DockArrangeResult, window: Size) -> None:
        """Size the content, show the bar where it outgrows the ``window``, and scroll within it
        to the widgets wanted in view; all set directly, so none asks for another layout, and
        the bar's sizes are the ones Textual then gives it (it would redraw it a frame later)."""
        virtual = window.region.union(arrangement.total_region).size
        most = max(0, virtual.height - window.height)
        top = min(self.scroll_y, most)
        for widget in self.wanted_in_view:
            region = region_in(self, widget, arrangement)
            if region is not None:
                top = max(0, min(most, round(top) + scroll_to_show(round(top), window.height, region)))
        self.wanted_in_view = ()
        bar = self.vertical_scrollbar
        if top != self.scroll_y:
            self.set_reactive(Widget.scroll_y, top)
            self.set_reactive(Widget.scroll_target_y, top)
            bar.set_reactive(ScrollBar.position, top)
        self.set_reactive(Widget.virtual_size, virtual)
        bar.set_reactive(ScrollBar.window_virtual_size, virtual.height)
        bar.set_reactive(ScrollBar.window_size, window.height)
        shown = most > 0
        if shown != self.show_vertical_scrollbar:
            self.set_reactive(Widget.show_vertical_scrollbar, shown)
            bar.styles.set_rule("display", "block" if shown else "none")

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's, without the layout its ``virtual_size`` would ask for (steady: ``settle``
        set it), and with the bar drawn again in the frame of this layout."""
        if not self.steady:
            return super()._size_updated(size, virtual_size, container_size, layout)
        updated = super()._size_updated(size, virtual_size, container_size, layout=False)
        bar = self._vertical_scrollbar
        if bar is not None and self.show_vertical_scrollbar and self.is_attached:
            bar._set_dirty()  # its region is redrawn in the frame this layout draws
            self.screen._compositor.update_widgets({bar})
        return updated

    def _scroll_update(self, virtual_size: Size) -> None:
        """Textual's; steady, only the scroll position kept within the content (``settle`` set
        the bar, and Textual's would redraw it a frame later)."""
        if not self.steady:
            super()._scroll_update(virtual_size)
            return
        self.scroll_y = self.validate_scroll_y(self.scroll_y)


def drawn_bare(widget: Widget) -> bool:
    """Whether Textual draws ``widget``'s content line for line as its content renders it: no
    border, outline, padding, hatch, tint or opacity, at the top left, no links, none selected."""
    styles = widget.styles
    return (
        not widget.BLANK
        and not widget.auto_links
        and widget.text_selection is None
        and not any(edge for edge, _ in styles.border)
        and not any(edge for edge, _ in styles.outline)
        and styles.padding == NO_SPACING
        and not (styles.has_rule("hatch") and styles.hatch != "none")
        and styles.tint.a == 0
        and styles.text_opacity == 1.0
        and widget.opacity == 1.0
        and styles.content_align == ("left", "top")
    )


def stacks_freely(widget: Widget) -> bool:
    """Whether ``widget`` lies in a column the same whatever the column's height: not docked
    or placed absolutely, and its height, width and their bounds in cells or ``auto`` (its
    width may also follow the column's width). An ``OptionList``'s default ``max-height: 100%``
    does depend on it: the quiz's choices are bounded by the screen instead (``100vh``)."""
    styles = widget.styles
    if styles.is_docked or styles.position != "relative" or styles.overlay != "none":
        return False
    heights = (styles.height, styles.min_height, styles.max_height)
    widths = (styles.width, styles.min_width, styles.max_width)
    return (all(scalar is None or scalar.unit in HEIGHT_FREE_UNITS for scalar in heights)
            and all(scalar is None or scalar.unit != Unit.HEIGHT for scalar in widths))


def region_in(pane: Widget, widget: Widget, arrangement: DockArrangeResult) -> Region | None:
    """Where ``widget`` (with its margin) lies in ``pane``'s content, as ``arrangement`` and the
    arrangements of the containers between them place it; None where it is not placed (hidden)
    or a container between them scrolls. The arrangements are Textual's own, cached for the layout
    that follows."""
    ancestors = widget.ancestors_with_self
    if pane not in ancestors:
        return None
    offset = 0
    for node in reversed(ancestors[:ancestors.index(pane)]):
        placement = next((placed for placed in arrangement.placements if placed.widget is node), None)
        if placement is None:
            return None
        region = placement.region + placement.offset
        if node is widget:
            margin = placement.margin
            return Region(region.x, offset + region.y - margin.top, region.width, region.height + margin.height)
        if not isinstance(node, Widget) or node.scroll_offset:
            return None
        content = region.shrink(node.styles.gutter)
        offset += content.y
        arrangement = node.arrange(content.size)
    return None


def scroll_to_show(top: int, height: int, region: Region) -> int:
    """How far to scroll a window of ``height`` lines from ``top`` so that ``region`` is in
    view (its top where it is taller than the window), the least distance: Textual's
    ``Region.get_scroll_to_visible``, down the lines only."""
    window = Region(region.x, top, region.width, height)
    return Region.get_scroll_to_visible(window, region).y


def bring_into_view(widgets: Iterable[Widget]) -> None:
    """Textual's way: scroll each of ``widgets`` still shown into view in turn (the last one
    wins where they don't all fit), after the layout that placed them."""
    for widget in widgets:
        if widget.is_attached and widget.display:
            widget.scroll_visible(animate=False, immediate=True)
