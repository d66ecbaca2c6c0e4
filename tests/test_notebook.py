"""The example notebook runs from top to bottom and shows what it promises."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOK = EXAMPLES / "explore.ipynb"


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/html", "") + data.get("text/plain", "")


def test_committed_with_its_outputs_and_small():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    # A reader sees tables and charts without running it (executed with nbclient) ...
    assert all(cell.execution_count is not None and cell.outputs for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for cell in code for o in cell.outputs)
    # ... and the interactive picture is linked, not embedded, so the file stays small.
    assert NOTEBOOK.stat().st_size < 400_000
    assert "srcdoc=" not in NOTEBOOK.read_text(encoding="utf-8")


#: A kernel of our own, so that no kernelspec installed elsewhere (another
#: Python without refgraph) can be picked instead of this interpreter.
KERNEL = "refgraph-tests"


def _kernelspec_for_this_python(folder: Path) -> Path:
    """A Jupyter data folder whose one kernel runs ipykernel in ``sys.executable``."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "refgraph tests", "language": "python"}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    jupyter_data = _kernelspec_for_this_python(tmp_path_factory.mktemp("jupyter"))
    # The kernel inherits the environment: no GUI backend, no network needed.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        patch.setenv("JUPYTER_PATH", str(jupyter_data))  # searched before any other folder
        client = NotebookClient(notebook, timeout=120, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(EXAMPLES)}})
        client.execute()
    return notebook


def test_kernel_is_this_interpreter(tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager

    folder = _kernelspec_for_this_python(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder))
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    assert spec.argv[0] == sys.executable


@pytest.mark.slow
def test_notebook_runs_without_errors(executed):
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    for cell in code:
        assert not [o for o in cell.outputs if o.get("output_type") == "error"]


@pytest.mark.slow
def test_notebook_shows_each_step(executed):
    outputs = {}
    for cell in executed.cells:
        if cell.cell_type == "code":
            outputs[cell.source] = cell.outputs
    text = {source: "\n".join(_text(o) for o in outs) for source, outs in outputs.items()}

    def find(fragment: str) -> str:
        matches = [t for source, t in text.items() if fragment in source]
        assert matches, f"no cell contains {fragment!r}"
        return matches[0]

    assert "<Network from" in find("load_network")
    assert "people," in find("network.graph()") and "profitability" in find("network.graph()")
    assert "Priya Shah" in find("refgraph.refer(")
    assert "Catherine Wells" in find("trust_paths")
    assert "Network statistics" in find("refgraph.stats(")
    chart = next(outs for source, outs in outputs.items() if "referrals_per_month" in source)
    assert any("image/png" in o.get("data", {}) for o in chart)
    assert "sam_picture.html" in find("FileLink")
    assert (EXAMPLES / "sam_picture.html").stat().st_size > 0
    assert "<table>" in find("load_network")  # the Network's own summary
    assert find("refgraph.ask(").count("ready") + find("refgraph.ask(").count("premature") \
        + find("refgraph.ask(").count("weak_link") >= 1
    assert "Nurture" in find("refgraph.nurture(") or "reconnect" in find("refgraph.nurture(")
    assert "Zoe Moss" in find("import_into")
    assert "report for " in find("write_report")
