"""TMX as OmegaT, MateCat and Trados write it: each tool's shape of file, one row each.

The rows are modelled on each tool's export (header, ``<prop>`` on units and variants, ``lang``
or ``xml:lang`` with or without a region, native inline codes, a DOCTYPE, UTF-16 with a BOM from
older Trados): every one must give the same Arabic→English pairs and count what it skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.memory import read_tmx

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
   creationtoolversion="6.0.1" segtype="sentence" srclang="ar"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="ar">
        <seg>قال الوزير</seg>
      </tuv>
      <tuv xml:lang="en" changeid="reem" changedate="20261202T101010Z">
        <seg>The minister said</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">news.txt</prop>
      <prop type="prev">قال الوزير</prop>
      <tuv xml:lang="ar">
        <seg>وصل <bpt i="0" x="1">&lt;b0&gt;</bpt>الرئيس<ept i="0">&lt;/b0&gt;</ept></seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>The <bpt i="0" x="1">&lt;b0&gt;</bpt>president<ept i="0">&lt;/b0&gt;</ept> arrived</seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="ar"><seg>صباح الخير</seg></tuv>
      <tuv xml:lang="fr"><seg>Bonjour</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MATECAT = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="Matecat-Cattool" creationtoolversion="3.0" o-tmf="MateCat"
   creationid="MateCat" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="ar-SA"/>
  <body>
    <tu tuid="123" creationdate="20261202T101010Z" datatype="plaintext" srclang="ar-SA">
      <prop type="x-MateCat-id_job">42</prop>
      <prop type="x-MateCat-filename">news.docx</prop>
      <prop type="x-MateCat-status">TRANSLATED</prop>
      <tuv xml:lang="ar-SA"><seg>قال الوزير</seg></tuv>
      <tuv xml:lang="en-US"><seg>The minister said</seg></tuv>
    </tu>
    <tu tuid="124" datatype="plaintext" srclang="ar-SA">
      <tuv xml:lang="ar-SA"><seg>وصل <g id="1">الرئيس</g></seg></tuv>
      <tuv xml:lang="en-GB"><seg>The <g id="1">president</g> arrived</seg></tuv>
    </tu>
    <tu tuid="125" datatype="plaintext" srclang="ar-SA">
      <tuv xml:lang="ar-SA"><seg>صباح الخير</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>
    </tu>
  </body>
</tmx>
"""

TRADOS = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
   datatype="xml" segtype="sentence" adminlang="en-US" srclang="ar-SA"
   creationdate="20261202T101010Z" creationid="DESK\\reem">
    <prop type="x-Recognizers">RecognizeAll</prop>
    <prop type="x-TMName">news</prop>
  </header>
  <body>
    <tu creationdate="20261202T101010Z" creationid="DESK\\reem" usagecount="2">
      <prop type="x-LastUsedBy">DESK\\reem</prop>
      <prop type="x-Context">0, 0</prop>
      <tuv xml:lang="ar-SA">
        <prop type="x-Origin">TM</prop>
        <seg>قال الوزير</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>The minister said</seg>
      </tuv>
    </tu>
    <tu creationdate="20261202T101011Z" creationid="DESK\\reem">
      <tuv xml:lang="ar-SA"><seg>وصل <bpt i="1" type="1" x="1"/>الرئيس<ept i="1"/></seg></tuv>
      <tuv xml:lang="en-US"><seg>The <bpt i="1" type="1" x="1"/>president<ept i="1"/><ph x="2"/> arrived</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ar-SA"><seg>صباح الخير</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>
    </tu>
  </body>
</tmx>
"""

#: Trados 2007 (Workbench) wrote UTF-16 with a BOM, and ``lang`` in capitals.
TRADOS_2007 = """<?xml version="1.0" encoding="UTF-16" ?>
<tmx version="1.4"><header creationtool="SDL TRADOS TagEditor" creationtoolversion="8.0"
 datatype="html" segtype="sentence" adminlang="EN-US" srclang="AR-SA" o-tmf="TW4Win 2.0 Format"/>
<body>
<tu creationdate="20261202T101010Z"><tuv lang="AR-SA"><seg>قال الوزير</seg></tuv>
<tuv lang="EN-US"><seg>The minister said</seg></tuv></tu>
<tu><tuv lang="AR-SA"><seg>وصل <ut>{\\b </ut>الرئيس<ut>}</ut></seg></tuv>
<tuv lang="EN-GB"><seg>The <ut>{\\b </ut>president<ut>}</ut> arrived</seg></tuv></tu>
<tu><tuv lang="AR-SA"><seg>صباح الخير</seg></tuv><tuv lang="FR-FR"><seg>Bonjour</seg></tuv></tu>
</body></tmx>
"""

PAIRS = [("قال الوزير", "The minister said"), ("وصل الرئيس", "The president arrived")]


@pytest.mark.parametrize(
    ("text", "encoding", "skipped"),
    [
        (OMEGAT, "utf-8", {"ar + fr": 1}),
        (MATECAT, "utf-8", {"ar-sa + fr-fr": 1}),
        (TRADOS, "utf-8-sig", {"ar-sa + fr-fr": 1}),
        (TRADOS_2007, "utf-16", {"ar-sa + fr-fr": 1}),
    ],
    ids=["omegat", "matecat", "trados-studio", "trados-2007-utf16"],
)
def test_each_tools_tmx_gives_the_same_pairs(
    tmp_path: Path, text: str, encoding: str, skipped: dict[str, int]
) -> None:
    path = tmp_path / "memory.tmx"
    path.write_bytes(text.encode(encoding))
    read = read_tmx(path)
    assert read.pairs == PAIRS
    assert dict(read.skipped) == skipped
