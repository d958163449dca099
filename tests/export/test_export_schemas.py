"""Every XML export is valid against its official schema, checked by xmllint with the shared catalog.

TMX 1.4b against the LISA DTD, XLIFF 1.2 against the OASIS strict XSD, XLIFF 2.0 against the core
XSD (all in ``<shared>/schemas``, read by path), and the OmegaT package: each TMX in it, and its
``omegat.project`` against the schema inside OmegaT.jar when OmegaT is installed. Skips, saying why,
without xmllint (Debian ``libxml2-utils``) or the shared schemas.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.export import export_document
from workbench.store.sqlite import Store

from .support import render

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
SCHEMAS = {
    "tmx": None,  # DOCTYPE tmx SYSTEM "tmx14.dtd", resolved by the catalog
    "xliff": "xliff12/xliff-core-1.2-strict.xsd",
    "xliff2": "xliff20/xliff_core_2.0.xsd",
}


@dataclass(frozen=True)
class Xmllint:
    """xmllint with the shared catalog: ``check(path, schema)``; ``schema`` None for the DTD."""

    binary: str
    schemas: Path

    def check(self, path: Path, schema: str | Path | None) -> None:
        mode = [] if schema is None else ["--schema", str(self.schemas / schema)]
        env = {**os.environ, "XML_CATALOG_FILES": str(self.schemas / "catalog.xml")}
        # --nonet: a reference the catalog does not resolve fails instead of going online. The
        # file is named from its own folder: xmllint looks a relative SYSTEM id ("tmx14.dtd") up
        # in the catalog only while it has no folder to resolve it against.
        run = subprocess.run(
            [self.binary, "--noout", "--nonet", *(mode or ["--valid"]), path.name],
            cwd=path.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert run.returncode == 0, run.stderr[-3000:]


@pytest.fixture
def xmllint(shared_dir: Path) -> Xmllint:
    binary = shutil.which("xmllint")
    if binary is None:
        pytest.skip("xmllint is not installed (apt-get install -y libxml2-utils)")
    schemas = shared_dir / "schemas"
    if not (schemas / "catalog.xml").is_file():
        pytest.skip(
            f"shared schemas missing: {schemas} (set WORKBENCH_SHARED to the shared/ folder)"
        )
    return Xmllint(binary, schemas)


@pytest.mark.parametrize("fmt", list(SCHEMAS))
@pytest.mark.parametrize("doc", ["seed_id", "standin_id", "hostile_id"])
def test_xml_exports_are_valid(
    request: pytest.FixtureRequest,
    store: Store,
    xmllint: Xmllint,
    tmp_path: Path,
    fmt: str,
    doc: str,
) -> None:
    doc_id = request.getfixturevalue(doc)
    path = tmp_path / f"out.{fmt}"
    path.write_text(render(store, doc_id, fmt, include_standin=True), encoding="utf-8")
    xmllint.check(path, SCHEMAS[fmt])


@pytest.mark.parametrize("doc", ["seed_id", "standin_id", "hostile_id"])
def test_omegat_package_is_valid(
    request: pytest.FixtureRequest, store: Store, xmllint: Xmllint, tmp_path: Path, doc: str
) -> None:
    doc_id = request.getfixturevalue(doc)
    data = export_document(store, doc_id, "omegat").data
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path / "p")
    memories = sorted((tmp_path / "p" / "tm").rglob("*.tmx"))
    assert memories
    for path in memories:
        xmllint.check(path, None)
    if OMEGAT_JAR.is_file():  # the project file's own schema ships inside OmegaT
        with zipfile.ZipFile(OMEGAT_JAR) as jar:
            xsd = tmp_path / "project_properties.xsd"
            xsd.write_bytes(jar.read("schemas/project_properties.xsd"))
        xmllint.check(tmp_path / "p" / "omegat.project", xsd)  # an absolute path stays one
