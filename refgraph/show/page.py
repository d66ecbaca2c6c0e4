"""The network picture as a web page: self-contained, offline and safe.

The page is written from refgraph's own template, not pyvis's: all JavaScript
and CSS are inlined (nothing is fetched when it is opened), the node and edge
data are embedded as JSON with ``<``, ``>`` and ``&`` escaped (so
``</script>`` in a name cannot end the script), every text around the picture
is HTML-escaped, and a Content-Security-Policy allows only the page's own two
scripts, by hash. The same policy serves the monthly report, whose picture is
this page inside a sandboxed ``<iframe srcdoc>`` (a srcdoc frame inherits its
parent's policy).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refgraph.errors import OutputExistsError, RefgraphError
from refgraph.io.files import write_atomic
from refgraph.io.progress import Progress, steps
from refgraph.results import format_date
from refgraph.show.picture import PICTURE_STEPS, Picture, build_picture
from refgraph.show.picture_style import count_noun

if TYPE_CHECKING:
    import jinja2

    from refgraph.model.network import Network

#: Where pyvis keeps the vis-network files it ships, inside its package.
PYVIS_LIB = "templates/lib/vis-9.1.2"

#: The page's own script: draw the embedded data with vis-network.
INIT_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("refgraph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("picture");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.refgraphPicture = {network: network, nodes: nodes, edges: edges};
})();
"""


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, as shipped inside pyvis.

    Returns
    -------
    (str, str)
        The script and the style sheet, ready to inline.

    Raises
    ------
    RefgraphError
        When either text could close its own element (``</script``, ``</style``).

    Examples
    --------
    >>> script, style = vis_assets()
    >>> "vis" in script and len(style) > 0
    True
    """
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / PYVIS_LIB
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # Inlined text must not be able to close its own element.
    if "</script" in script.lower() or "</style" in style.lower():
        raise RefgraphError("the vis-network files shipped with pyvis cannot be inlined safely")
    return script, style


@cache
def template_environment() -> jinja2.Environment:
    """The jinja2 environment of refgraph's page templates (``refgraph/show/templates``).

    HTML templates are autoescaped; the ``date`` filter formats a timestamp
    as :func:`refgraph.results.format_date` does, and ``count_noun`` writes a
    count with its noun, plural unless one (``4|count_noun("situation")``).

    Examples
    --------
    >>> template_environment().get_template("picture.html").name
    'picture.html'
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("refgraph.show"),
                              autoescape=select_autoescape(["html"]))
    environment.filters["date"] = format_date
    environment.filters["count_noun"] = count_noun
    return environment


def script_json(value: Any) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>``, ``&`` and line separators escaped.

    The result cannot close the script (``</script>``) or open a comment
    (``<!--``), whatever the data holds.

    Examples
    --------
    >>> script_json({"name": "</script><!--"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text



def csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script.

    Examples
    --------
    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def picture_script_hashes() -> list[str]:
    """CSP source expressions (``'sha256-…'``) of the picture page's two scripts.

    A page that embeds the picture in an ``<iframe srcdoc>`` must allow these
    too: a srcdoc frame inherits its parent's Content-Security-Policy.

    Examples
    --------
    >>> len(picture_script_hashes())
    2
    """
    script, _ = vis_assets()
    return [csp_hash(script), csp_hash(INIT_SCRIPT.strip())]


def content_security_policy() -> str:
    """The pages' policy: only their own scripts and styles; no network, no inline handlers.

    Examples
    --------
    >>> content_security_policy().startswith("default-src 'none'; ")
    True
    """
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src {' '.join(picture_script_hashes())}; base-uri 'none'; "
            "form-action 'none'")


def network_height(net: Any) -> int:
    """Height in pixels of the picture area of a pyvis network (750 when unreadable).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> [network_height(SimpleNamespace(height=text)) for text in ("600px", "auto")]
    [600, 750]
    """
    digits = re.match(r"^\s*(\d+)", str(net.height))
    return int(digits.group(1)) if digits else 750


def render_picture(picture: Picture) -> str:
    """Render a :class:`~refgraph.show.picture.Picture` as one self-contained, offline HTML page.

    Parameters
    ----------
    picture : Picture
        From :func:`~refgraph.show.picture.build_picture`.

    Returns
    -------
    str
        The page.
    """
    script, style = vis_assets()
    net = picture.net
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options}
    template = template_environment().get_template("picture.html")
    return template.render(
        picture=picture,
        data_json=script_json(data),
        vis_script=script,
        vis_style=style,
        init_script=INIT_SCRIPT.strip(),
        csp=content_security_policy(),
        height=f"{network_height(net)}px",
    )


def _rendered(network: Network, progress: Progress, options: dict[str, Any]):
    """The picture and its page, under one bar: :data:`PICTURE_STEPS` then rendering."""
    with steps([*PICTURE_STEPS, "rendering"], "picture", enabled=progress) as bar:
        picture = build_picture(network, progress=bar, **options)
        page = render_picture(picture)
        bar.step()
    return picture, page


def picture_html(network: Network, *, progress: bool | None = None, **options: Any) -> str:
    """The picture as one self-contained, offline HTML page.

    Parameters
    ----------
    network : Network
        A loaded network.
    progress : bool, optional
        Show a progress bar on standard error (the steps of
        :data:`~refgraph.show.picture.PICTURE_STEPS`, then rendering); by
        default only when standard error is a terminal.
    **options
        Those of :func:`~refgraph.show.picture.to_pyvis` (``as_of``, ``ego``, ``radius``,
        ``min_stage``, ``color_by``, ``max_nodes``).

    Returns
    -------
    str
        HTML with vis-network inlined: it fetches nothing when opened.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "x"], "name": ["Me", "<img src=x onerror=alert(1)>"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["x"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> page = picture_html(net)
    >>> "<img src=x" in page
    False
    """
    return _rendered(network, progress, options)[1]


def html_target(path: object, *, force: bool = False) -> Path:
    """Check where an HTML writer is asked to write, before any work is done.

    Every writer of an HTML page (:func:`write_html`, the monthly and chapter
    reports) calls this first.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.
    force : bool
        Whether an existing file may be replaced.

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    RefgraphError
        When ``path`` is not a path (``None``, a number, bytes, an empty text).
    OutputExistsError
        When ``path`` exists and ``force`` is False.

    Examples
    --------
    >>> html_target("network.html").name
    'network.html'
    >>> try:
    ...     html_target(None)
    ... except RefgraphError as error:
    ...     print(error)
    path: expected a path to an .html file (str or os.PathLike), got NoneType None
    """
    text = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(text, str) or not text.strip():
        raise RefgraphError("path: expected a path to an .html file (str or os.PathLike), got "
                            f"{type(path).__name__} {path!r}")
    target = Path(text)
    if target.exists() and not force:
        raise OutputExistsError(f"{target} already exists; use --force to replace it")
    return target


def write_html(network: Network, path: str | Path, *, force: bool = False,
               progress: bool | None = None, **options: Any) -> Path:
    """Write the picture to an HTML file, atomically.

    Parameters
    ----------
    network : Network
        A loaded network.
    path : str or Path
        The file to write.
    force : bool
        Replace ``path`` if it exists; otherwise :class:`OutputExistsError`.
    progress : bool, optional
        Show a progress bar, as :func:`picture_html`.
    **options
        Those of :func:`~refgraph.show.picture.to_pyvis`.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    RefgraphError
        When ``path`` is not a path to a file (:func:`html_target`).
    OutputExistsError
        When ``path`` exists and ``force`` is False.

    Examples
    --------
    >>> import pandas as pd, refgraph, tempfile, pathlib
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "network.html"
    >>> write_html(net, target).name
    'network.html'
    """
    path = html_target(path, force=force)
    return write_atomic(path, picture_html(network, progress=progress, **options),
                        overwrite=True)


def iframe_srcdoc(page: str, *, height: int, title: str = "refgraph picture") -> str:
    """Wrap a whole HTML page in a sandboxed ``<iframe srcdoc>`` (escaped).

    The frame may run the page's scripts but gets an opaque origin, so it
    cannot touch the surrounding notebook or report.

    Examples
    --------
    >>> iframe_srcdoc('<p title="a">x</p>', height=100)[:60]
    '<iframe sandbox="allow-scripts" title="refgraph picture" loa'
    """
    return (f'<iframe sandbox="allow-scripts" title="{html.escape(title)}" loading="lazy" '
            f'style="width:100%;height:{int(height)}px;border:0" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe>')


@dataclass
class NotebookPicture:
    """A picture that Jupyter shows inline (inside an ``<iframe srcdoc>``).

    Attributes
    ----------
    html : str
        The whole standalone page.
    height : int
        Frame height in pixels.
    """

    html: str
    height: int

    def _repr_html_(self) -> str:
        return iframe_srcdoc(self.html, height=self.height)

    def __repr__(self) -> str:
        return f"<NotebookPicture: {len(self.html):,} characters of HTML>"


def show_notebook(network: Network, *, progress: bool | None = None,
                  **options: Any) -> NotebookPicture:
    """Show the picture inline in Jupyter (VS Code, JupyterLab, Colab included).

    pyvis's own notebook output is blank in several front ends; an iframe
    with the page in ``srcdoc`` works in all of them and needs no files.

    Parameters
    ----------
    network : Network
        A loaded network.
    progress : bool, optional
        Show a progress bar, as :func:`picture_html` (in Jupyter, a widget
        when ipywidgets is installed).
    **options
        Those of :func:`~refgraph.show.picture.to_pyvis`.

    Returns
    -------
    NotebookPicture
        An object whose ``_repr_html_`` Jupyter displays.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> show_notebook(net)._repr_html_().startswith("<iframe")
    True
    """
    picture, page = _rendered(network, progress, options)
    return NotebookPicture(page, network_height(picture.net) + 260)
