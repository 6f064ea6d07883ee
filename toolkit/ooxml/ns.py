"""Namespaces of WordprocessingML and the tags the walkers meet."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"  # "Strict Open XML": refused by the reader
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

P, TBL, TR, TC, T, RUN = (W + t for t in ("p", "tbl", "tr", "tc", "t", "r"))
SDT, SDT_CONTENT, TXBX = (W + t for t in ("sdt", "sdtContent", "txbxContent"))
ALTERNATE = MC + "AlternateContent"  # its first w:Choice is shown; the Fallback repeats it for old readers
